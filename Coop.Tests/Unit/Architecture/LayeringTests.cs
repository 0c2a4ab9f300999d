using System.Reflection;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;

namespace Coop.Tests.Unit.Architecture;

[Trait("Category", "Unit")]
public sealed class LayeringTests
{
    private static readonly Assembly Domain = typeof(Permissions).Assembly;
    private static readonly Assembly Infrastructure = typeof(CoopDbContext).Assembly;

    [Fact]
    public void Domain_references_neither_ef_core_nor_asp_net_core()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.StartsWith("Coop.", StringComparison.Ordinal));
    }

    [Fact]
    public void Domain_project_has_no_package_references()
    {
        var project = File.ReadAllText(Path.Combine(RepositoryRoot(), "Coop.Domain", "Coop.Domain.csproj"));

        Assert.DoesNotContain("PackageReference", project, StringComparison.Ordinal);
        Assert.DoesNotContain("FrameworkReference", project, StringComparison.Ordinal);
    }

    [Fact]
    public void Infrastructure_does_not_reference_web()
    {
        var references = Infrastructure.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain("Coop.Web", references);
        Assert.Contains("Coop.Domain", references);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Coop.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Coop.sln not found above " + AppContext.BaseDirectory);
    }
}
