using System.Net;
using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Coop.Tests.Integration.Webhooks;

[Trait("Category", "Integration")]
public sealed class SigningKeyDownloadTests
{
    [Fact]
    public async Task The_pem_downloads_for_an_admin_and_is_refused_to_a_moderator()
    {
        await using var app = WebhookTestApp.Create(dispatcher: false);
        var org = await OrganizationBuilder.CreateAsync(app.App, "Acme", DefaultRoles.Admin, DefaultRoles.Moderator);
        using var admin = app.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var moderator = app.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await FormSignIn.SignInAsync(admin, OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin), OrganizationBuilder.Password);
        await FormSignIn.SignInAsync(moderator, OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator), OrganizationBuilder.Password);

        using var ok = await admin.GetAsync(new Uri("/settings/signing-key.pem", UriKind.Relative), TestContext.Current.CancellationToken);
        using var refused = await moderator.GetAsync(new Uri("/settings/signing-key.pem", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(await app.PublicKeyAsync(org), await ok.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("coop-webhook-signing-key.pem", ok.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/access-denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
