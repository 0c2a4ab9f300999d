using System.Text.RegularExpressions;
using Coop.Tests.Unit.Architecture;

namespace Coop.Tests.Unit.Docs;

/// <summary>
/// Every relative link in README.md, SECURITY.md and docs/**/*.md points at a file (or folder) that exists, and a
/// <c>#anchor</c> into a Markdown file names one of its headings (GitHub's slugs). Moving a page without fixing its
/// links fails here. Links inside code (fenced blocks and inline code) are not links and are skipped, and so is the
/// ADR template, whose links are placeholders.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class MarkdownLinksTests
{
    private static readonly string Root = LayeringTests.RepositoryRoot();

    [Fact]
    public void Every_relative_link_in_the_docs_resolves()
    {
        var broken = new List<string>();
        var files = Pages().ToList();
        Assert.True(files.Count > 20, $"Only {files.Count} Markdown pages found under {Root}.");
        foreach (var file in files)
        {
            foreach (var target in Links(File.ReadAllText(file)))
            {
                if (Problem(file, target) is { } problem)
                {
                    broken.Add($"{Path.GetRelativePath(Root, file)}: ({target}) {problem}");
                }
            }
        }

        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void Headings_become_the_anchors_GitHub_makes()
    {
        Assert.Equal("s1-ingestion", Slug("S1: ingestion"));
        Assert.Equal("configuration-as-code", Slug("Configuration as code"));
        Assert.Equal("reportid-and-co", Slug("`reportId` and co."));
        Assert.Equal("queues-and-routing", Slug("Queues and routing"));
    }

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

    /// <summary>The targets of <c>[text](target)</c> links outside code.</summary>
    internal static IEnumerable<string> Links(string markdown)
    {
        var prose = InlineCode().Replace(FencedBlock().Replace(markdown, string.Empty), string.Empty);
        return LinkTarget().Matches(prose).Select(m => m.Groups[1].Value)
            .Where(t => !UriScheme().IsMatch(t));
    }

    private static string? Problem(string file, string target)
    {
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var path = hash < 0 ? target : target[..hash];
        var anchor = hash < 0 ? null : target[(hash + 1)..];
        var resolved = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(path)));
        if (!File.Exists(resolved) && !Directory.Exists(resolved))
        {
            return "no such file";
        }

        if (anchor is null || !resolved.EndsWith(".md", StringComparison.Ordinal))
        {
            return null;
        }

        return Anchors(File.ReadAllText(resolved)).Contains(anchor) ? null : "no such heading";
    }

    private static HashSet<string> Anchors(string markdown) =>
        [.. Heading().Matches(FencedBlock().Replace(markdown, string.Empty)).Select(m => Slug(m.Groups[1].Value))];

    /// <summary>GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens.</summary>
    internal static string Slug(string heading) =>
        NotSlug().Replace(heading.Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-');

    [GeneratedRegex(@"^(`{3,}|~{3,}).*?^\1", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\]\(([^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex UriScheme();

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*#*\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{N}\- _]")]
    private static partial Regex NotSlug();
}
