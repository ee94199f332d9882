using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Vigil.Config.Tests")]
