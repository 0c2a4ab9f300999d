using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Unit.Architecture;

namespace Coop.Tests.Unit.Deploy;

/// <summary>
/// deploy/env.example and deploy/appsettings.Production.example.json must document every setting the app reads: every
/// property of every options class (a class with a <c>SectionName</c> constant) and every configuration key named in
/// the source (as a literal argument or a <c>...Key</c> constant). A new option without an entry (and a comment) there fails here, so the examples cannot go stale.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class ProductionSettingsExampleTests
{
    private static readonly string[] SourceProjects = ["Coop.Web", "Coop.Infrastructure"];

    private static readonly Assembly[] AppAssemblies = [typeof(CoopDbContext).Assembly, typeof(Coop.Web.DependencyInjection).Assembly];

    [Fact]
    public void Every_option_is_in_env_example_under_a_comment()
    {
        var lines = File.ReadAllLines(Path.Combine(LayeringTests.RepositoryRoot(), "deploy", "env.example"));
        var missing = new List<string>();
        var uncommented = new List<string>();
        foreach (var key in AllKeys())
        {
            var name = key.Replace(":", "__", StringComparison.Ordinal);
            var index = Array.FindIndex(lines, l => KeyLine(l) is { } k && (k.Equals(name, StringComparison.OrdinalIgnoreCase) || k.StartsWith(name + "__", StringComparison.OrdinalIgnoreCase)));
            if (index < 0)
            {
                missing.Add(name);
                continue;
            }

            // The nearest line above the key's block that is not itself a key must be a comment that explains it.
            var above = index - 1;
            while (above >= 0 && KeyLine(lines[above]) is not null)
            {
                above--;
            }

            if (above < 0 || !lines[above].TrimStart().StartsWith('#'))
            {
                uncommented.Add(name);
            }
        }

        Assert.True(missing.Count == 0, "deploy/env.example lacks (add each, with a comment): " + string.Join(", ", missing));
        Assert.True(uncommented.Count == 0, "deploy/env.example has no comment above: " + string.Join(", ", uncommented));
    }

    [Fact]
    public void Every_option_is_in_the_production_appsettings_example()
    {
        var path = Path.Combine(LayeringTests.RepositoryRoot(), "deploy", "appsettings.Production.example.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Collect(json.RootElement, string.Empty, present);

        var missing = AllKeys().Where(k => !present.Contains(k) && !present.Any(p => p.StartsWith(k + ":", StringComparison.OrdinalIgnoreCase))).ToList();

        Assert.True(missing.Count == 0, "deploy/appsettings.Production.example.json lacks: " + string.Join(", ", missing));
    }

    [Fact]
    public void Options_classes_and_source_keys_are_found()
    {
        var keys = AllKeys();

        // One of each kind, so a broken discovery cannot pass the two tests above by finding nothing.
        Assert.Contains("Database:Provider", keys);
        Assert.Contains("Outbound:AllowedNetworks", keys);
        Assert.Contains("ChildSafety:Pipeline:Interval", keys);
        Assert.Contains("Seq:ServerUrl", keys);
        Assert.Contains("ConnectionStrings:Coop", keys);
        Assert.Contains("Shutdown:TimeoutSeconds", keys);
        Assert.DoesNotContain("Webhooks:Lease", keys);
    }

    /// <summary>Every configuration key the app reads, as <c>Section:Key</c>.</summary>
    internal static IReadOnlySet<string> AllKeys()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in AppAssemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.GetRawConstantValue() is string section)
            {
                AddProperties(type, section, keys);
            }
        }

        foreach (var file in SourceFiles())
        {
            var text = File.ReadAllText(file);
            foreach (Match match in LiteralKey().Matches(text))
            {
                keys.Add(match.Groups["method"].Value == "GetConnectionString" ? "ConnectionStrings:" + match.Groups["key"].Value : match.Groups["key"].Value);
            }

            foreach (Match match in KeyConstant().Matches(text))
            {
                keys.Add(match.Groups["key"].Value);
            }
        }

        return keys;
    }

    private static void AddProperties(Type type, string prefix, ISet<string> keys)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var bindable = property.SetMethod?.IsPublic == true || IsCollection(property.PropertyType);
            if (!bindable || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var key = $"{prefix}:{property.Name}";
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsScalar(target) || IsCollection(target))
            {
                keys.Add(key);
            }
            else
            {
                AddProperties(target, key, keys);
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid);

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    internal static IEnumerable<string> SourceFiles()
    {
        var root = LayeringTests.RepositoryRoot();
        return SourceProjects
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(root, p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }

    private static string? KeyLine(string line)
    {
        var match = EnvLine().Match(line);
        return match.Success ? match.Groups["key"].Value : null;
    }

    private static void Collect(JsonElement element, string prefix, ISet<string> keys)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            keys.Add(prefix);
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            Collect(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}", keys);
        }
    }

    // configuration["A:B"], .GetSection("A:B"), .GetValue<T>("A:B"), .GetConnectionString("Coop"): literal keys in the source.
    [GeneratedRegex("""(?:\.(?<method>GetConnectionString|GetSection|GetValue(?:<[^>]+>)?)\(\s*"(?<key>[A-Za-z][\w:.]*)"|[cC]onfiguration\[\s*"(?<key>[A-Za-z][\w:.]*)"\s*\])""")]
    private static partial Regex LiteralKey();

    // const string ShutdownTimeoutKey = "Shutdown:TimeoutSeconds": a key read through a named constant.
    [GeneratedRegex("""const string \w*Key\s*=\s*"(?<key>[A-Z]\w*(?::\w+)+)";""")]
    private static partial Regex KeyConstant();

    // KEY=value, or #KEY=value for a documented setting left at its default.
    [GeneratedRegex(@"^\s*#?\s*(?<key>[A-Za-z][A-Za-z0-9_.]*)=")]
    private static partial Regex EnvLine();
}
