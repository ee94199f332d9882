using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Vigil.Tsdb.Tests")]
