namespace Coop.Web.Cli;

/// <summary>
/// Where a command-line verb writes its result (an API key, an exported configuration). While a verb runs, standard
/// output is reserved for results: <see cref="ReserveStandardOutput"/> points <see cref="Console.Out"/> at standard
/// error, so anything else that writes to the console — a Serilog console sink configured under
/// <c>Serilog:WriteTo</c>, a library — ends up on stderr and <c>config export &gt; file.json</c> stays pure JSON.
/// </summary>
public static class CliOutput
{
    private static TextWriter? results;

    /// <summary>The process's real standard output once reserved; <see cref="Console.Out"/> otherwise.</summary>
    public static TextWriter Results => results ?? Console.Out;

    /// <summary>Keeps standard output for <see cref="Results"/> and sends every other console write to standard error.</summary>
    public static void ReserveStandardOutput()
    {
        if (results is not null)
        {
            return;
        }

        results = Console.Out;
        Console.SetOut(Console.Error);
    }
}
