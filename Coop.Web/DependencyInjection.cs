using Coop.Domain.Authorization;
using Coop.Web.Account;
using Coop.Web.Api;
using Coop.Web.Application;
using Coop.Web.Components;
using Coop.Web.Features.Actions.Webhooks;
using Coop.Web.Features.Actions;
using Coop.Web.Features.ChildSafety;
using Coop.Web.Features.Dashboards;
using Coop.Web.Features.Administration;
using Coop.Web.Features.Ingestion.Submissions;
using Coop.Web.Features.Policies;
using Coop.Web.Features.Reports;
using Coop.Web.Features.Review;
using Coop.Web.Features.Strikes;
using Coop.Web.Features.Rules.Classifiers;
using Coop.Web.Features.Rules.Signals;
using Coop.Web.Features.Rules.TextBanks;
using Coop.Web.Features.Ingestion;
using Coop.Web.Jobs;
using Coop.Web.Operations;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Scrutor;
using Serilog;

namespace Coop.Web;

public static class DependencyInjection
{
    /// <summary>The console (Blazor Server + MudBlazor), authentication, authorization and the use cases.</summary>
    public static IHostApplicationBuilder AddCoopWeb(this IHostApplicationBuilder builder)
    {
        Hosting.ThreadPoolSetup.Apply(builder.Configuration);
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "coop.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.EventsType = typeof(AccessCheckingCookieEvents);
        });
        services.AddScoped<AccessCheckingCookieEvents>();

        // The antiforgery cookie is Secure on https (its default would send it over plain http only as well).
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorization(o =>
        {
            foreach (var permission in Permissions.All)
            {
                o.AddPolicy(permission, p => p.RequireAuthenticatedUser().RequireClaim(Permissions.ClaimType, permission));
            }
        });

        services.AddHttpContextAccessor();
        services.AddScoped<CircuitPresence>();
        services.AddScoped<CircuitHandler, CircuitPresenceHandler>();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddSingleton<FirstRunState>();
        services.AddScoped<OrganizationProvisioner>();
        services.AddScoped<DemoContent>();
        services.AddSingleton<ApiKeyIssuer>();
        services.AddCoopApi(builder.Configuration);
        services.AddItemSubmissions(builder.Configuration);
        services.AddIngestion();
        services.AddActions();
        services.AddPolicies();
        services.AddReports();
        services.AddRealtime(builder.Configuration);
        services.AddReview();
        Features.ChildSafety.Jobs.NcmecJobServices.AddNcmecJobs(services);
        services.AddStrikes();
        services.AddSignals();
        services.AddClassifiers(builder.Configuration);
        Features.Rules.HashBanks.HashBankServices.AddHashBanks(services);
        services.AddMatchingBanks();
        services.AddScoped<Features.Investigation.PartialItems.IPartialItemsFetcher, Features.Investigation.PartialItems.PartialItemsFetcher>();
        services.AddChildSafetyPipeline(builder.Configuration);
        Features.Administration.Audit.AuditServices.AddAudit(services);
        services.AddCoopJobs(builder.Configuration);
        services.AddOperations(builder.Configuration);
        Features.Administration.Sso.SsoServices.AddSingleSignOn(services, builder.Configuration);
        services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.SectionName));
        Hosting.ForwardedHeadersSetup.AddCoopForwardedHeaders(services, builder.Configuration);
        Hosting.RateLimitingSetup.AddCoopRateLimiting(services, builder.Configuration);

        services.Scan(scan => scan
            .FromAssemblyOf<App>()
            .AddClasses(c => c.AssignableToAny(typeof(IQueryHandler<,>), typeof(ICommandHandler<,>)), publicOnly: false)
            .UsingRegistrationStrategy(RegistrationStrategy.Throw)
            .AsImplementedInterfaces()
            .WithScopedLifetime());
        services.Decorate(typeof(IQueryHandler<,>), typeof(AuthorizingQueryHandler<,>));
        services.Decorate(typeof(ICommandHandler<,>), typeof(AuthorizingCommandHandler<,>));
        return builder;
    }

    /// <summary>The request pipeline and endpoints.</summary>
    public static WebApplication UseCoopWeb(this WebApplication app)
    {
        Hosting.ForwardedHeadersSetup.UseCoopForwardedHeaders(app);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);

            // Strict-Transport-Security on https responses only (never on plain http or to localhost).
            app.UseHsts();
        }

        Hosting.SecurityHeaders.UseCoopSecurityHeaders(app);

        app.UseSerilogRequestLogging(o => o.EnrichDiagnosticContext = static (diagnostics, context) =>
        {
            // Who made the request, by id only: never names, emails, query strings or bodies.
            diagnostics.Set("UserId", context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value);
            diagnostics.Set("OrganizationId", context.User.FindFirst(Coop.Infrastructure.Identity.CoopClaimTypes.OrganizationId)?.Value);
        });
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use(static (context, next) =>
        {
            // Friendly status pages are for people browsing; API calls and form posts keep their own status and body.
            if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path.StartsWithSegments("/api"))
            {
                context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            }

            return next(context);
        });
        app.UseRateLimiter();
        Features.Administration.Sso.SsoServices.UseSingleSignOn(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<FirstRunMiddleware>();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapCoopHealth();
        app.MapAccountEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "Coop platform API v1");
            o.RoutePrefix = "api-docs";
            o.DocumentTitle = "Coop platform API";
        });
        app.MapCoopApi();
        app.MapRealtime();
        app.MapWebhookEndpoints();
        Features.Administration.Audit.AuditEndpoints.MapAuditEndpoints(app);
        app.MapDashboardEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
