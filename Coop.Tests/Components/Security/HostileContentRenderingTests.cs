using System.Security.Claims;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Bunit;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.ChildSafety;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Domain.Wellness;
using Coop.Domain.Webhooks;
using Coop.Infrastructure.Identity;
using Coop.Tests.Integration.Security;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.ChildSafety.Review;
using Coop.Web.Features.Investigation.Items;
using Coop.Web.Features.Review.Comments;
using Coop.Web.Features.Review.Context;
using Coop.Web.Features.Review.Decisions;
using Coop.Web.Features.Review.Jobs;
using Coop.Web.Features.Review.Jobs.Components;
using Coop.Web.Features.Review.Presence;
using Coop.Web.Features.Users;
using Coop.Web.Features.Wellness;
using Coop.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;
using DecisionRow = Coop.Web.Features.Review.Decisions.DecisionRow;

namespace Coop.Tests.Components.Security;

/// <summary>
/// Issue 12, inert rendering: every component that shows item content (the job view with its reports, appeal, thread
/// and side panels; the item fields of every scalar type and container; the investigation item; user history; the NCMEC
/// review form) renders <see cref="HostilePayloads"/> only as text: no script, no event attributes, no script URLs, no
/// styles from content.
/// </summary>
[Trait("Category", "Component")]
public sealed class HostileContentRenderingTests : CoopComponentTest
{
    private static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>Elements the console never renders itself, so any of them in the markup came from content.</summary>
    private static readonly string[] ForeignElements =
        ["script", "iframe", "object", "embed", "frame", "frameset", "base", "meta", "link", "style", "math", "foreignobject", "details", "template", "body"];

    private static readonly string[] JobSections =
        ["[data-testid=job-appeal-reason]", "[data-testid=job-reports]", "[data-testid=job-thread]", "[data-testid=job-policies]", "[data-testid=job-history]"];

    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "ping"];

    public HostileContentRenderingTests()
    {
        var claims = new List<Claim> { new(CoopClaimTypes.OrganizationId, "org-1"), new(ClaimTypes.NameIdentifier, "me") };
        claims.AddRange(Permissions.All.Select(p => new Claim(Permissions.ClaimType, p)));
        Authorization.SetAuthorized("me@example.org").SetPolicies([.. Permissions.All]).SetClaims([.. claims]);
        Services.AddSingleton(TimeProvider.System);
        Services.AddLogging();
        Services.AddSingleton<ILiveEvents, InMemoryLiveEvents>();
        Services.AddSingleton(typeof(IQueryHandler<,>), typeof(EmptyHandler<,>));
        Services.AddSingleton(typeof(ICommandHandler<,>), typeof(EmptyHandler<,>));
        Services.AddSingleton<ICurrentUser>(new FixedUser(new ClaimsPrincipal(new ClaimsIdentity(claims, "test"))));
        Services.AddSingleton<IJobPresence>(new HostilePresence());
        Services.AddSingleton<IQueryHandler<GetMyWellnessQuery, MyWellnessView>>(
            new Fixed<GetMyWellnessQuery, MyWellnessView>(new MyWellnessView(WellnessPreferences.Default, WellnessPreferences.Default, WellnessOverrides.None)));
        Services.AddSingleton<IQueryHandler<GetUserContextQuery, UserContext?>>(new Fixed<GetUserContextQuery, UserContext?>(new UserContext(
            new ItemIdentifier(Payload(0), "user"), Payload(1), Payload(2), 1, 4,
            [new UserItemRow("post", Payload(3), Payload(4), Now, 2)],
            [new UserDecisionRow("j1", "post", Payload(5), DecisionKind.Action, Payload(6), Now)],
            [new UserStrikeRow(Payload(7), 1, Now, Now.AddDays(30), true)])));
        Services.AddSingleton<IQueryHandler<ListUserNotesQuery, IReadOnlyList<UserNoteView>>>(
            new Fixed<ListUserNotesQuery, IReadOnlyList<UserNoteView>>([.. HostilePayloads.All.Select((p, i) => new UserNoteView(i, Payload(i + 1), p, Now))]));
        Services.AddSingleton<IQueryHandler<ListJobCommentsQuery, IReadOnlyList<JobCommentView>>>(
            new Fixed<ListJobCommentsQuery, IReadOnlyList<JobCommentView>>([.. HostilePayloads.All.Select((p, i) => new JobCommentView(i, Payload(i + 2), p, Now, i % 2 == 0))]));
        Services.AddSingleton<IQueryHandler<ListRecentDecisionsQuery, IReadOnlyList<DecisionRow>>>(
            new Fixed<ListRecentDecisionsQuery, IReadOnlyList<DecisionRow>>([.. HostilePayloads.All.Select((p, i) => new DecisionRow($"j{i}", Now, DecisionKind.Action,
                Payload(i + 3), Payload(i + 4), "post", Payload(i + 5), [Payload(i + 6)], [Payload(i + 7)], p))]));
    }

    private static string Payload(int i)
    {
        var all = HostilePayloads.All.ToList();
        return all[i % all.Count];
    }

    [Fact]
    public void Item_fields_of_every_type_and_container_render_hostile_values_as_text()
    {
        var fields = new List<FieldDisplay>();
        var i = 0;
        foreach (var type in Enum.GetValues<ScalarType>())
        {
            fields.Add(new FieldDisplay($"{type}-scalar", new ItemTypeField($"{type}-scalar", type, false), JsonValue.Create(Payload(i++))));
            fields.Add(new FieldDisplay($"{type}-array", new ItemTypeField($"{type}-array", type, false, ContainerType.Array),
                new JsonArray([.. HostilePayloads.Urls.Select(u => (JsonNode?)JsonValue.Create(u))])));
            fields.Add(new FieldDisplay($"{type}-map", new ItemTypeField($"{type}-map", type, false, ContainerType.Map),
                new JsonObject(HostilePayloads.Markup.Select((p, k) => KeyValuePair.Create(p + k, (JsonNode?)JsonValue.Create(Payload(i + k)))))));
            fields.Add(new FieldDisplay($"{type}-object", new ItemTypeField($"{type}-object", type, false),
                new JsonObject { ["url"] = Payload(i++), ["id"] = Payload(i++), ["typeId"] = Payload(i++) }));
        }

        var extra = HostilePayloads.Markup.Select((p, k) => new FieldDisplay(p, null, new JsonObject { [p] = new JsonArray(p, k, null) })).ToList();

        var cut = Render<ItemFieldsView>(p => p.Add(x => x.Item, new ItemDisplay("post", Payload(3), ItemTypeKind.Content, Payload(4), true, fields, extra)));

        AssertInert(cut.Nodes, cut.Markup);
        Assert.Equal(HostilePayloads.Markup.Length, HostilePayloads.Markup.Count(p => cut.Find("[data-testid=item-view]").TextContent.Contains(p, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_job_view_with_reports_appeal_thread_policies_history_and_side_panels_renders_hostile_content_as_text()
    {
        var cut = Render<JobView>(p => p.Add(x => x.Details, HostileJob(QueueKind.Standard)).Add(x => x.CanDecide, true));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=job-appeal]")));
        AssertInert(cut.Nodes, cut.Markup);
        var text = cut.Find("[data-testid=job-view]").TextContent;
        Assert.All(JobSections,
            selector => Assert.Contains("__xss", cut.Find(selector).TextContent, StringComparison.Ordinal));
        Assert.All(HostilePayloads.Markup, p => Assert.Contains(p, text, StringComparison.Ordinal));
    }

    [Fact]
    public void The_NCMEC_review_form_renders_hostile_media_addresses_and_threads_as_text()
    {
        var media = HostilePayloads.All.Select((p, i) => new NcmecJobMedium($"m{i}", Payload(i + 1), "post", Payload(i + 2), p, i % 2 == 0 ? "image" : "video", i == 0)).ToList();
        var display = new ItemDisplay("user", Payload(0), ItemTypeKind.User, Payload(1), true,
            [new FieldDisplay("name", new ItemTypeField("name", ScalarType.String, false), JsonValue.Create(Payload(2)))], []);
        var view = new NcmecJobView("j-ncmec", true, display, true, media, 3, [new ItemIdentifier(Payload(3), "post")],
            [.. HostilePayloads.Markup.Select((p, i) => new NcmecThreadChoice($"t{i}", p, Payload(i + 5), 2, Now))],
            NcmecMediaReviewRequirement.All, 1, NcmecEnvironment.Test);
        Services.AddSingleton<IQueryHandler<GetNcmecJobQuery, NcmecJobView?>>(new Fixed<GetNcmecJobQuery, NcmecJobView?>(view));

        var cut = Render<NcmecReviewForm>(p => p.Add(x => x.JobId, "j-ncmec").Add(x => x.CanDecide, true));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=ncmec-medium]")));
        AssertInert(cut.Nodes, cut.Markup);
        Assert.All(media, m => Assert.DoesNotContain(cut.FindAll("img, video"), e => e.GetAttribute("src") == m.Url && !m.Url.StartsWith("https://", StringComparison.Ordinal)));
        Assert.Contains(HostilePayloads.Urls[0], cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_investigation_item_with_its_versions_history_and_enforcement_renders_hostile_content_as_text()
    {
        var display = new ItemDisplay("post", Payload(0), ItemTypeKind.Content, Payload(1), true,
            [.. HostilePayloads.All.Select((p, i) => new FieldDisplay($"f{i}", new ItemTypeField($"f{i}", i % 3 == 0 ? ScalarType.Url : i % 3 == 1 ? ScalarType.Image : ScalarType.String, false), JsonValue.Create(p)))],
            [new FieldDisplay(Payload(2), null, JsonNode.Parse("""{ "html": "<iframe src=//evil>" }"""))]);
        var item = new InvestigationItem("post", Payload(0), ItemTypeKind.Content, Payload(1), new ItemIdentifier(Payload(3), "user"), Now, Now, 2,
            [new ItemVersion(2, Now, Payload(4), "original", Payload(5), display), new ItemVersion(1, Now, "items", "partial", "v1", display)],
            [.. HostilePayloads.All.Select((p, i) => new ItemReportRow($"r{i}", Payload(i + 1), "user", p, Payload(i + 2), i == 0, Now, null))],
            [new ItemJobRow(Payload(6), Payload(7), QueueKind.Standard, JobStatus.Closed, JobSource.Report, Now, Now)],
            [.. HostilePayloads.All.Select((p, i) => new ItemDecisionRow($"j{i}", DecisionKind.Action, Payload(i + 1), [Payload(i + 2)], [Payload(i + 3)], p, Now))],
            [new ItemExecutionRow("e1", Payload(8), ActionExecutionSource.ReviewDecision, Payload(9), [Payload(10)], "j1", Now,
                new ItemDelivery("m1", OutboxStatus.Failed, 1, 500, Payload(11), Now))],
            [new ItemStrikeRow("user", Payload(12), Payload(13), 2, Now, Now.AddDays(90), false)],
            [.. HostilePayloads.All.Select((p, i) => new ItemAppealRow($"a{i}", Payload(i + 4), "user", p, [Payload(i + 5)], Now, null))]);

        var cut = Render<InvestigationItemView>(p => p.Add(x => x.Item, item));

        AssertInert(cut.Nodes, cut.Markup);
        Assert.All(HostilePayloads.Markup, p => Assert.Contains(p, cut.Nodes.Select(n => n.TextContent).Aggregate(string.Concat), StringComparison.Ordinal));
    }

    [Fact]
    public void User_history_renders_hostile_titles_details_and_ids_as_text()
    {
        var entries = HostilePayloads.All.Select((p, i) => new UserHistoryEntry(UserHistorySection.ReportsAgainst, $"h{i}", Now, Payload(i + 1), p,
            new ItemIdentifier(Payload(i + 2), "post"), new ItemIdentifier(Payload(i + 3), "user"), Payload(i + 4))).ToList();
        Services.AddSingleton<IQueryHandler<ListUserHistoryQuery, UserHistorySlice?>>(
            new Fixed<ListUserHistoryQuery, UserHistorySlice?>(new UserHistorySlice(entries, null)));

        var cut = Render<UserHistoryList>(p => p.Add(x => x.TypeId, "user").Add(x => x.Id, Payload(0)).Add(x => x.Section, UserHistorySection.ReportsAgainst));

        cut.WaitForAssertion(() => Assert.Equal(entries.Count, cut.FindAll("[data-testid=user-history-entry]").Count));
        AssertInert(cut.Nodes, cut.Markup);
        Assert.All(cut.FindAll("[data-testid=user-history-person], [data-testid=user-history-job]"),
            a => Assert.StartsWith("/", a.GetAttribute("href") ?? string.Empty, StringComparison.Ordinal));
    }

    /// <summary>The markup holds content only as text: no foreign elements, no event attributes, no script or data URLs, no content in styles.</summary>
    private static void AssertInert(INodeList nodes, string markup)
    {
        var elements = nodes.OfType<IElement>().SelectMany(e => e.QuerySelectorAll("*").Prepend(e)).ToList();
        Assert.True(elements.Count > 5, "nothing rendered");
        var problems = new List<string>();
        foreach (var element in elements)
        {
            var name = element.LocalName.ToLowerInvariant();
            if (ForeignElements.Contains(name))
            {
                problems.Add($"<{name}> element: {Excerpt(element.OuterHtml)}");
            }

            foreach (var attribute in element.Attributes)
            {
                var attributeName = attribute.Name.ToLowerInvariant();
                if (attributeName.StartsWith("on", StringComparison.Ordinal) || attributeName == "srcdoc")
                {
                    problems.Add($"{attributeName} attribute on <{name}>: {Excerpt(attribute.Value)}");
                }

                if (UrlAttributes.Contains(attributeName) && !IsSafeUrl(attribute.Value))
                {
                    problems.Add($"{attributeName}=\"{Excerpt(attribute.Value)}\" on <{name}>");
                }

                if (attributeName == "style" && (attribute.Value.Contains("__xss", StringComparison.Ordinal) || attribute.Value.Contains("expression", StringComparison.OrdinalIgnoreCase)
                    || attribute.Value.Contains("javascript", StringComparison.OrdinalIgnoreCase) || attribute.Value.Contains("url(", StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"content in a style attribute on <{name}>: {Excerpt(attribute.Value)}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Distinct()));
        Assert.Contains("&lt;script&gt;", markup, StringComparison.Ordinal);
    }

    /// <summary>A web address or an app-relative one; nothing with another scheme, however disguised.</summary>
    private static bool IsSafeUrl(string value)
    {
        var compact = new string([.. value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]).ToLowerInvariant();
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        var boundary = compact.IndexOfAny(['/', '?', '#']);
        var hasScheme = colon >= 0 && (boundary < 0 || colon < boundary);
        return !hasScheme || compact.StartsWith("https:", StringComparison.Ordinal) || compact.StartsWith("http:", StringComparison.Ordinal);
    }

    private static string Excerpt(string text) => text.Length > 160 ? text[..160] + "…" : text;

    private static JobDetails HostileJob(QueueKind kind)
    {
        ItemDisplay Item(int i) => new("post", Payload(i), ItemTypeKind.Content, Payload(i + 1), true,
            [.. HostilePayloads.All.Select((p, k) => new FieldDisplay($"f{k}", new ItemTypeField($"f{k}", k % 2 == 0 ? ScalarType.String : ScalarType.Url, false), JsonValue.Create(p)))],
            [new FieldDisplay(Payload(i + 2), null, JsonValue.Create(Payload(i + 3)))]);
        return new JobDetails("job-1", "q1", Payload(0), kind, JobStatus.Open, JobSource.Appeal, Now, 3, "someone-else", Payload(1), Now.AddMinutes(5), Payload(2),
            Item(0),
            [.. HostilePayloads.All.Select((p, i) => new JobReport(Payload(i + 1), "user", p, Payload(i + 2), Now, i == 0))],
            [new ContextEntry(Item(3), true), new ContextEntry(Item(4), false)],
            [new ContextEntry(Item(5), false)],
            new JobAppeal(Payload(6), Payload(7), "user", Now, Payload(8), [Payload(9), Payload(10)], false),
            [.. HostilePayloads.Markup.Select((p, i) => new JobPolicy($"p{i}", Payload(i + 1), Penalty.Medium, p, i % 2 == 0 ? p : null))],
            [.. Enum.GetValues<JobEventKind>().Select((k, i) => new JobHistoryEntry(k, Payload(i), Payload(i + 1), Payload(i + 2), Now))]);
    }

    /// <summary>Answers every other use case with nothing (an empty list, or null).</summary>
    private sealed class EmptyHandler<TRequest, TResult> : IQueryHandler<TRequest, TResult>, ICommandHandler<TRequest, TResult>
        where TRequest : notnull
    {
        public Task<TResult> HandleAsync(TRequest query, CancellationToken cancellationToken = default)
        {
            var type = typeof(TResult);
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            {
                return Task.FromResult((TResult)(object)Array.CreateInstance(type.GetGenericArguments()[0], 0));
            }

            return Task.FromResult(default(TResult)!);
        }
    }

    private sealed class Fixed<TRequest, TResult>(TResult result) : IQueryHandler<TRequest, TResult>
        where TRequest : notnull
    {
        public Task<TResult> HandleAsync(TRequest query, CancellationToken cancellationToken = default) => Task.FromResult(result);
    }

    private sealed class FixedUser(ClaimsPrincipal principal) : ICurrentUser
    {
        public Task<ClaimsPrincipal> GetPrincipalAsync() => Task.FromResult(principal);
    }

    /// <summary>Two other people with hostile names are viewing every job.</summary>
    private sealed class HostilePresence : IJobPresence
    {
        public Task<IAsyncDisposable> JoinAsync(string organizationId, string jobId, JobViewer viewer, CancellationToken cancellationToken = default) =>
            Task.FromResult<IAsyncDisposable>(new Nothing());

        public IReadOnlyList<JobViewer> ViewersOf(string jobId) => [new("v1", HostilePayloads.Markup[0]), new("v2", HostilePayloads.Markup[1])];

        private sealed class Nothing : IAsyncDisposable
        {
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
