using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Vigil.Rules.Tests")]
