using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;
using Coop.Tests.Unit.Architecture;
using Coop.Tests.Unit.Deploy;
using Coop.Web.Cli;
using Microsoft.AspNetCore.Builder;

namespace Coop.Tests.Unit.Docs;

/// <summary>
/// The commands the docs show are ones the product accepts. Every invocation of the console in a shell block or inline
/// code of README.md, SECURITY.md and docs/**/*.md (<c>dotnet run --project Coop.Web -- ...</c>, <c>./Coop.Web ...</c>,
/// <c>dotnet /app/Coop.Web.dll ...</c>, <c>docker run ... coop-dotnet ...</c>) is parsed with the CLI's own command
/// definitions (<see cref="CoopCli.CreateRootCommand"/>, <see cref="HealthCheckVerb.CreateCommand"/>): the verb must
/// exist, its options must be its own and its required options present, and any other switch must be a configuration key
/// the app reads (<c>--Database:Provider=Postgres</c>). Every <c>scripts/</c>, <c>deploy/</c> and source path named in
/// code exists, and every configuration key named in code (<c>Section:Key</c> or <c>Section__Key</c>) is one the app
/// reads (the key discovery of <see cref="ProductionSettingsExampleTests"/>).
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class DocsCommandsTests
{
    private static readonly string Root = LayeringTests.RepositoryRoot();

    /// <summary>Host settings that ASP.NET Core itself reads (not through an options class of the app).</summary>
    private static readonly string[] HostKeys = ["urls", "environment", "contentRoot", "applicationName", "http_ports", "https_ports", "AllowedHosts"];

    /// <summary>Sections read by libraries from configuration as a whole (Serilog.Settings.Configuration, Kestrel, Microsoft.Extensions.Logging).</summary>
    private static readonly string[] LibrarySections = ["Serilog", "Kestrel", "Logging"];

    [Fact]
    public async Task Every_console_command_in_the_docs_parses_with_the_cli()
    {
        var invocations = Invocations().ToList();
        Assert.True(invocations.Count > 25, $"Only {invocations.Count} console commands found in the docs.");

        // The extraction finds each form (so a broken pattern cannot pass by finding nothing).
        Assert.Contains(invocations, i => Verb(i) == "create-api-key" && i.Source.Contains("api/README.md", StringComparison.Ordinal));
        Assert.Contains(invocations, i => Verb(i) == "config" && i.Args.Contains("--dry-run"));
        Assert.Contains(invocations, i => Verb(i) == "healthcheck" && i.Args.Contains("--path"));
        Assert.Contains(invocations, i => Verb(i) == "migrate" && i.Text.Contains("systemd-run", StringComparison.Ordinal));
        Assert.Contains(invocations, i => Verb(i) == "import-data" && i.Args.Contains("--Database:Provider=Postgres")); // inline code wrapped over two lines
        Assert.Contains(invocations, i => Verb(i) == "create-admin" && i.Source == "deploy/compose/compose.yml");
        Assert.Contains(invocations, i => Verb(i) == "healthcheck" && i.Source == "deploy/systemd/coop.service");

        await using var app = WebApplication.CreateSlimBuilder().Build();
        var keys = Keys();
        var wrong = new List<string>();
        foreach (var invocation in invocations)
        {
            if (Problem(app, keys, invocation.Args) is { } problem)
            {
                wrong.Add($"{invocation.Source}: `{invocation.Text}`: {problem}");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine("Console commands checked:\n" + string.Join('\n', invocations.Select(i => $"{i.Source}: {string.Join(' ', i.Args)}")));
        Assert.True(wrong.Count == 0, "Commands the CLI does not accept:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void Every_script_deploy_and_source_path_named_in_code_exists()
    {
        var missing = new List<string>();
        var count = 0;
        foreach (var (source, code) in CodeUnits())
        {
            foreach (Match match in RepositoryPath().Matches(code))
            {
                var path = match.Value.TrimEnd('.', ',', ':');
                if (path.Contains("...", StringComparison.Ordinal) || path.StartsWith("Coop.Web/data/", StringComparison.Ordinal))
                {
                    // A placeholder, or the SQLite data directory the app creates at its first start.
                    continue;
                }

                foreach (var candidate in ExpandBraces(path))
                {
                    count++;
                    if (!PathExists(candidate))
                    {
                        missing.Add($"{source}: {candidate}");
                    }
                }
            }
        }

        Assert.True(count > 30, $"Only {count} paths found in the docs' code.");
        Assert.True(missing.Count == 0, "Paths named in the docs that do not exist:\n" + string.Join('\n', missing.Distinct()));
    }

    [Fact]
    public void Every_configuration_key_named_in_code_is_one_the_app_reads()
    {
        var keys = Keys();
        var unknown = new List<string>();
        var count = 0;
        foreach (var (source, code) in CodeUnits())
        {
            foreach (Match match in ConfigurationKey().Matches(code))
            {
                var key = match.Value.Replace("__", ":", StringComparison.Ordinal);
                if (key.StartsWith("Section:", StringComparison.Ordinal))
                {
                    continue; // the docs' own placeholder for "any key"
                }

                count++;
                if (!IsKnownKey(keys, key))
                {
                    unknown.Add($"{source}: {match.Value}");
                }
            }
        }

        Assert.True(count > 50, $"Only {count} configuration keys found in the docs.");
        Assert.True(unknown.Count == 0, "Configuration keys named in the docs that the app does not read:\n" + string.Join('\n', unknown.Distinct()));
    }

    [Fact]
    public void The_shell_reader_splits_commands_as_a_shell_would()
    {
        Assert.Equal(
            ["create-admin", "--email", "a@b.c", "--password", "...", "--org", "Acme Inc"],
            Shell.Split("create-admin --email a@b.c --password '...' --org \"Acme Inc\" # comment").Words);
        Assert.Equal(["create-api-key", "--org", "Demo Platform"], Shell.Split("create-api-key --org \"Demo Platform\")").Words);
        Assert.Equal(["backup", "--to", "backup/coop-$(date +%F).db"], Shell.Split("backup --to backup/coop-$(date +%F).db | tail").Words);
        Assert.Equal(["migrate", "--Database:ConnectionString=..."], Shell.Split("migrate --Database:ConnectionString=\"...\" > out.txt").Words);

        var found = Invocations("x.md", "KEY=$(dotnet run --project Coop.Web -- create-api-key --org \"Demo Platform\")\n"
            + "docker run --rm --env-file coop.env coop-dotnet migrate\ndotnet publish Coop.Web -c Release -o /opt/coop\n"
            + "sudo -u coop /opt/coop/Coop.Web audit verify && echo ok\ndocker build -f deploy/docker/Dockerfile -t coop-dotnet .\n"
            + "docker compose --profile cluster run --rm coop-migrate   # the one-shot service\n"
            + "docker compose --profile cluster run --rm coop-migrate create-admin --email a@b.c").ToList();
        Assert.Equal(["create-api-key --org Demo Platform", "migrate", "audit verify", "create-admin --email a@b.c"], found.Select(i => string.Join(' ', i.Args)));
    }

    [Fact]
    public async Task A_wrong_command_is_caught()
    {
        await using var app = WebApplication.CreateSlimBuilder().Build();
        var keys = Keys();

        Assert.Null(Problem(app, keys, ["export-data", "--to", "x.zip", "--Database:Provider=Postgres", "--Database:ConnectionString", "Host=db"]));
        Assert.Null(Problem(app, keys, ["config", "import", "acme.json", "--org", "Acme", "--dry-run"]));
        Assert.Null(Problem(app, keys, ["healthcheck", "--path", "/health/ready"]));
        Assert.Null(Problem(app, keys, ["--Demo:SeedOnFirstRun=false"]));
        Assert.NotNull(Problem(app, keys, ["backup", "--out", "x.db"]));            // backup takes --to
        Assert.NotNull(Problem(app, keys, ["config", "export", "--org", "A", "--output", "a.json"])); // export takes --out
        Assert.NotNull(Problem(app, keys, ["create-admin", "--email", "a@b.c"]));     // --password is required
        Assert.NotNull(Problem(app, keys, ["restore", "--from", "x.db"]));           // no such verb
        Assert.NotNull(Problem(app, keys, ["healthcheck", "--port", "8080"]));
        Assert.NotNull(Problem(app, keys, ["migrate", "--Database:Provider=Postgres", "--Databse:ConnectionString=x"]));
        Assert.NotNull(Problem(app, keys, ["audit", "verfy"]));
    }

    /// <summary>Why the CLI would not accept these arguments as the docs mean them, or null.</summary>
    private static string? Problem(WebApplication app, IReadOnlySet<string> keys, IReadOnlyList<string> args)
    {
        string[] unmatched;
        if (args.Count > 0 && args[0] == HealthCheckVerb.Name)
        {
            var result = HealthCheckVerb.CreateCommand().Parse(args.Skip(1).ToArray());
            if (result.Errors.Count > 0)
            {
                return string.Join("; ", result.Errors.Select(e => e.Message));
            }

            unmatched = [.. result.UnmatchedTokens];
        }
        else if (args.Count == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            unmatched = [.. args]; // serving: only host configuration switches
        }
        else if (!CoopCli.IsVerb([.. args]))
        {
            return $"`{args[0]}` is not a verb (the verbs: {string.Join(", ", CoopCli.Verbs.Append(HealthCheckVerb.Name))})";
        }
        else
        {
            var result = CoopCli.CreateRootCommand(app).Parse(args.ToArray());
            if (result.Errors.Count > 0)
            {
                return string.Join("; ", result.Errors.Select(e => e.Message));
            }

            unmatched = [.. result.UnmatchedTokens];
        }

        // What the verb did not take must be host configuration: --Key=value, or --Key value.
        for (var i = 0; i < unmatched.Length; i++)
        {
            var token = unmatched[i];
            if (!token.StartsWith("--", StringComparison.Ordinal))
            {
                return $"unexpected argument `{token}`";
            }

            var key = token[2..].Split('=')[0];
            if (!token.Contains('=', StringComparison.Ordinal))
            {
                i++; // its value
            }

            if (!IsKnownKey(keys, key))
            {
                return $"`{token}` is neither an option of the verb nor a configuration key the app reads";
            }
        }

        return null;
    }

    /// <summary>The keys the app reads, plus the prefixes of keys built at run time (<c>Dashboards:TimeZones:{organizationId}</c>).</summary>
    private static HashSet<string> Keys()
    {
        var keys = new HashSet<string>(ProductionSettingsExampleTests.AllKeys(), StringComparer.OrdinalIgnoreCase);
        foreach (var file in ProductionSettingsExampleTests.SourceFiles())
        {
            keys.UnionWith(InterpolatedKey().Matches(File.ReadAllText(file)).Select(m => m.Groups["prefix"].Value));
        }

        return keys;
    }

    private static bool IsKnownKey(IReadOnlySet<string> keys, string key)
    {
        var section = key.Split(':')[0];
        if (LibrarySections.Contains(section, StringComparer.OrdinalIgnoreCase) || HostKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        // The key itself, a section above keys, or an element of a list or dictionary key (Outbound:AllowedNetworks:0).
        return keys.Any(k => k.Equals(key, StringComparison.OrdinalIgnoreCase)
            || k.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)
            || key.StartsWith(k + ":", StringComparison.OrdinalIgnoreCase));
    }

    private static bool PathExists(string path)
    {
        var star = path.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            var full = Path.Combine(Root, path);
            return File.Exists(full) || Directory.Exists(full);
        }

        // A glob (deploy/sql/*, Coop.Web/Api/*): its folder exists and holds something that matches.
        var folder = Path.Combine(Root, Path.GetDirectoryName(path[..star]) ?? string.Empty);
        return Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder, Path.GetFileName(path)).Any();
    }

    private static IEnumerable<string> ExpandBraces(string path)
    {
        var match = Braces().Match(path);
        if (!match.Success)
        {
            return [path];
        }

        return match.Groups[1].Value.Split(',').SelectMany(choice => ExpandBraces(path[..match.Index] + choice + path[(match.Index + match.Length)..]));
    }

    internal sealed record Invocation(string Source, string Text, IReadOnlyList<string> Args);

    private static string? Verb(Invocation invocation) => invocation.Args.Count > 0 ? invocation.Args[0] : null;

    private static IEnumerable<Invocation> Invocations() =>
        CodeUnits().Concat(DeployFileUnits()).SelectMany(unit => Invocations(unit.Source, unit.Code));

    /// <summary>The console invocations in a piece of shell: each with the arguments after the program.</summary>
    private static IEnumerable<Invocation> Invocations(string source, string code)
    {
        foreach (var line in code.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'))
        {
            foreach (Match match in ConsoleProgram().Matches(line))
            {
                if (match.Groups["image"].Success && !DockerRun().IsMatch(line[..match.Index]))
                {
                    continue; // coop-dotnet as a tag (docker build -t coop-dotnet) or an image listing, not a run
                }

                var rest = line[(match.Index + match.Length)..];
                if (match.Groups["run"].Success)
                {
                    // dotnet run --project Coop.Web [dotnet run's own options] [-- the app's arguments]
                    var dashes = DotnetRunArguments().Match(rest);
                    rest = dashes.Success ? rest[(dashes.Index + dashes.Length)..] : string.Empty;
                }

                var split = Shell.Split(rest);
                if (split.Placeholder || (match.Value.StartsWith("coop-migrate", StringComparison.Ordinal) && split.Words.Count == 0))
                {
                    continue; // `Coop.Web <verb>`: a pattern, not a command; a compose migrate service runs its own command
                }

                yield return new Invocation(source, line.Trim(), split.Words);
            }
        }
    }

    /// <summary>Shell code in the docs: every line of a sh/bash/shell/console block, and every inline code span of the prose.</summary>
    private static IEnumerable<(string Source, string Code)> CodeUnits()
    {
        foreach (var file in Pages())
        {
            var markdown = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
            var source = Path.GetRelativePath(Root, file).Replace('\\', '/');
            foreach (Match block in FencedBlock().Matches(markdown))
            {
                if (ShellLanguages().IsMatch(block.Groups["info"].Value))
                {
                    yield return ($"{source}:{Line(markdown, block.Index)}", block.Groups["body"].Value);
                }
            }

            var prose = FencedBlock().Replace(markdown, match => new string('\n', match.Value.Count(c => c == '\n')));
            foreach (Match span in InlineCode().Matches(prose))
            {
                // A span may wrap onto the next line of the paragraph.
                yield return ($"{source}:{Line(prose, span.Index)}", span.Groups[1].Value.Replace('\n', ' '));
            }
        }
    }

    /// <summary>The commands in the comments of the deployment files (and their ExecStart lines), one unit per file.</summary>
    private static IEnumerable<(string Source, string Code)> DeployFileUnits()
    {
        foreach (var name in new[] { "deploy/docker/Dockerfile", "deploy/compose/compose.yml", "deploy/systemd/coop.service" })
        {
            var lines = File.ReadAllLines(Path.Combine(Root, name)).Select(l => l.TrimStart() is ['#', .. var comment] ? comment : l);
            yield return (name, string.Join('\n', lines));
        }
    }

    private static int Line(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static IEnumerable<string> Pages()
    {
        foreach (var name in new[] { "README.md", "SECURITY.md" })
        {
            if (File.Exists(Path.Combine(Root, name)))
            {
                yield return Path.Combine(Root, name);
            }
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!file.EndsWith(Path.Combine("adr", "0000-template.md"), StringComparison.Ordinal))
            {
                yield return file;
            }
        }
    }

    /// <summary>A small POSIX shell word splitter: quotes, backslashes and <c>$(...)</c>; stops at a comment, pipe, redirection or list operator.</summary>
    internal static class Shell
    {
        public static (List<string> Words, bool Placeholder) Split(string text)
        {
            var words = new List<string>();
            var word = new StringBuilder();
            var inWord = false;
            var placeholder = false;
            var depth = 0; // open $( or ( inside the word
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (depth > 0)
                {
                    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                    word.Append(c);
                    continue;
                }

                if (char.IsWhiteSpace(c))
                {
                    Flush();
                    continue;
                }

                if (c is '|' or ';' or '&' or '>' or ')' || (c == '#' && !inWord))
                {
                    break;
                }

                inWord = true;
                switch (c)
                {
                    case '\'':
                        var close = text.IndexOf('\'', i + 1);
                        close = close < 0 ? text.Length : close;
                        word.Append(text, i + 1, close - i - 1);
                        i = close;
                        break;
                    case '"':
                        var end = i + 1;
                        while (end < text.Length && text[end] != '"')
                        {
                            if (text[end] == '\\' && end + 1 < text.Length)
                            {
                                end++;
                            }

                            word.Append(text[end]);
                            end++;
                        }

                        i = end;
                        break;
                    case '\\' when i + 1 < text.Length:
                        word.Append(text[++i]);
                        break;
                    case '$' when i + 1 < text.Length && text[i + 1] == '(':
                        word.Append("$(");
                        i++;
                        depth = 1;
                        break;
                    case '<':
                        // <verb>, <organization id>: a placeholder to fill in.
                        var gt = text.IndexOf('>', i + 1);
                        gt = gt < 0 ? text.Length - 1 : gt;
                        word.Append(text, i, gt - i + 1);
                        placeholder |= words.Count == 0;
                        i = gt;
                        break;
                    default:
                        word.Append(c);
                        break;
                }
            }

            Flush();
            return (words, placeholder);

            void Flush()
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                }

                word.Clear();
                inWord = false;
            }
        }
    }

    // ```sh ... ``` (also indented under a list item); the body without the fences.
    [GeneratedRegex(@"^[ \t]*(?<fence>`{3,}|~{3,})(?<info>[^\n]*)\n(?<body>.*?)^[ \t]*\k<fence>[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"^\s*(sh|bash|shell|console|zsh)\b")]
    private static partial Regex ShellLanguages();

    // `code`, possibly wrapped onto the next line (never across a blank line).
    [GeneratedRegex(@"`((?:[^`\n]|\n(?![ \t]*\n))+)`")]
    private static partial Regex InlineCode();

    // The console, however a doc starts it: from source, the published binary, the container's dll, the image.
    [GeneratedRegex(@"(?<run>\bdotnet\s+run\s+(?:-c\s+\S+\s+)?--project\s+Coop\.Web(?=\s|$|\)))|\bdotnet\s+(?:/app/)?Coop\.Web\.dll(?=\s|$)|(?:\./|/opt/coop/|/app/)Coop\.Web(?=\s|$)|(?:^\s*|\$\(|[;|&]\s*)Coop\.Web(?=\s+[a-z-])|(?<image>(?<!-t\s+)\b(?:coop-dotnet|coop-migrate(?:-sqlserver)?)(?=\s|$))")]
    private static partial Regex ConsoleProgram();

    // "docker run ... IMAGE" or "docker compose ... run ... SERVICE" before the image or service.
    [GeneratedRegex(@"\bdocker\s+(?:run\b|compose\b.*\srun\s)")]
    private static partial Regex DockerRun();

    // What follows "dotnet run --project Coop.Web": its own options, then "--" and the app's arguments.
    [GeneratedRegex(@"^(?:\s+--?[\w-]+(?:\s+[^-\s]\S*)?)*?\s+--(?=\s|$)")]
    private static partial Regex DotnetRunArguments();

    // scripts/..., deploy/..., Coop.Web/... as named in code; may hold {a,b} alternatives or a * glob.
    [GeneratedRegex(@"(?<![\w./$-])(?:scripts|deploy|Coop\.(?:Web|Domain|Infrastructure|Tests|Benchmarks))/[\w./{},*-]*")]
    private static partial Regex RepositoryPath();

    // configuration[$"Dashboards:TimeZones:{organizationId}"]: a key with a run-time part.
    [GeneratedRegex("""[cC]onfiguration\[\$"(?<prefix>[A-Z]\w*(?::\w+)*):\{""")]
    private static partial Regex InterpolatedKey();

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex Braces();

    // Database:Provider, Database__Provider, --Demo:SeedOnFirstRun=false, Outbound__AllowedNetworks__0: a section, then keys.
    [GeneratedRegex(@"(?<=^|[^\w.:/-]|--)[A-Z][A-Za-z0-9]+(?:(?::|__)[A-Za-z0-9]+)+")]
    private static partial Regex ConfigurationKey();
}
