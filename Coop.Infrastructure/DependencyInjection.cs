using Coop.Infrastructure.ChildSafety;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Logging;
using Coop.Infrastructure.Net;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Persistence.Providers.Postgres;
using Coop.Infrastructure.Persistence.Providers.Sqlite;
using Coop.Infrastructure.Persistence.Providers.SqlServer;
using Coop.Infrastructure.Telemetry;
using Coop.Infrastructure.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Coop.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Persistence (the configured provider), Identity stores, time, logging and health checks.</summary>
    public static IHostApplicationBuilder AddCoopInfrastructure(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddCoopLogging();
        services.TryAddSingleton(TimeProvider.System);

        var database = ReadDatabaseOptions(builder.Configuration);
        services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.SectionName))
            .PostConfigure(o => o.ConnectionString = database.ConnectionString)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = DatabaseSetup.ResolveSqliteConnectionString(database, builder.Environment.ContentRootPath);
                services.AddPooledDbContextFactory<SqliteCoopDbContext>((sp, o) =>
                {
                    DatabaseSetup.UseSqlite(o, sqlite);
                    o.AddInterceptors(sp.GetRequiredService<Secrets.SecretColumnsInterceptor>());
                });
                services.AddSingleton<IDbContextFactory<CoopDbContext>, CoopDbContextFactory<SqliteCoopDbContext>>();
                break;
            case DatabaseProvider.SqlServer:
                services.AddPooledDbContextFactory<SqlServerCoopDbContext>((sp, o) =>
                {
                    DatabaseSetup.UseSqlServer(o, RequireConnectionString(database));
                    o.AddInterceptors(sp.GetRequiredService<Secrets.SecretColumnsInterceptor>());
                });
                services.AddSingleton<IDbContextFactory<CoopDbContext>, CoopDbContextFactory<SqlServerCoopDbContext>>();
                break;
            case DatabaseProvider.Postgres:
                services.AddPooledDbContextFactory<PostgresCoopDbContext>((sp, o) =>
                {
                    DatabaseSetup.UsePostgres(o, RequireConnectionString(database));
                    o.AddInterceptors(sp.GetRequiredService<Secrets.SecretColumnsInterceptor>());
                });
                services.AddSingleton<IDbContextFactory<CoopDbContext>, CoopDbContextFactory<PostgresCoopDbContext>>();
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{database.Provider}'.");
        }

        // Secret header values are encrypted by an interceptor on every context, whichever use case saves them.
        services.AddSingleton<Secrets.SecretHeaderValues>();
        services.AddSingleton<Secrets.SecretColumnsInterceptor>();

        // Identity's stores need a scoped context; everything else uses the factory, one context per operation.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContext());
        services.AddSingleton<DatabaseMigrator>();

        services.AddIdentityCore<CoopUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<CoopRole>()
            .AddEntityFrameworkStores<CoopDbContext>()
            .AddSignInManager<CoopSignInManager>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<CoopClaimsPrincipalFactory>();
        services.RemoveAll<IRoleValidator<CoopRole>>();
        services.AddScoped<IRoleValidator<CoopRole>, OrganizationRoleValidator>();

        services.AddDataProtection().SetApplicationName("Coop").PersistKeysToDbContext<CoopDbContext>();
        var health = services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready]);
        if (builder.Configuration[HealthTags.RedisKey] is { Length: > 0 } redis)
        {
            health.AddRedis(redis, "redis", tags: [HealthTags.Ready], timeout: TimeSpan.FromSeconds(5));
        }

        services.AddSingleton<Webhooks.IWebhookDeliveryObserver, Telemetry.WebhookMetricsObserver>();
        builder.AddCoopTelemetry();
        services.AddOptions<Email.SmtpOptions>().Bind(builder.Configuration.GetSection(Email.SmtpOptions.SectionName));
        services.AddSingleton<Email.IEmailSender, Email.SmtpEmailSender>();
        services.AddOutboundHttp(builder.Configuration);
        services.AddCoopWebhooks(builder.Configuration);
        services.AddCyberTipline(builder.Configuration);
        return builder;
    }

    internal static DatabaseOptions ReadDatabaseOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            options.ConnectionString = configuration.GetConnectionString("Coop");
        }

        return options;
    }

    private static string RequireConnectionString(DatabaseOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? throw new InvalidOperationException(
                $"Database:Provider is {options.Provider}, which needs a connection string: set Database:ConnectionString or ConnectionStrings:Coop.")
            : options.ConnectionString;
}
