namespace Vigil;

/// <summary>Entry point of the <c>vigil</c> executable.</summary>
public static class Program
{
    /// <summary>Runs the command named by the first argument.</summary>
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: vigil <command> [flags]");
        return args.Length == 0 ? 2 : 2;
    }
}
