using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Vigil.Scrape.Tests")]
