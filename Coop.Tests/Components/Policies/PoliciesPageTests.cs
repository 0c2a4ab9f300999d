using Bunit;
using Coop.Domain.Authorization;
using Coop.Domain.Policies;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Policies;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Components.Policies;

[Trait("Category", "Component")]
public sealed class PoliciesPageTests : CoopComponentTest
{
    private readonly FakePolicies store = new();

    public PoliciesPageTests()
    {
        SignInWith(Permissions.ManagePolicies);
        Services.AddSingleton<IQueryHandler<ListPoliciesQuery, IReadOnlyList<PolicyNode>>>(store);
        Services.AddSingleton<ICommandHandler<CreatePolicyCommand, PolicyView>>(store);
        Services.AddSingleton<ICommandHandler<UpdatePolicyCommand, PolicyView>>(store);
        Services.AddSingleton<ICommandHandler<DeletePolicyCommand, bool>>(store);
    }

    [Fact]
    public void The_servers_validation_message_appears_under_the_field()
    {
        var cut = Render<PoliciesPage>();
        cut.Find("[data-testid=policy-new]").Click();
        cut.Find("input[data-testid=policy-name]").Change("Harassment");

        cut.Find("[data-testid=policy-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("A policy named 'Harassment' already exists.", cut.Markup, StringComparison.Ordinal));
        Assert.NotNull(cut.Find("[data-testid=policy-form]"));
    }

    [Fact]
    public void Deleting_a_parent_asks_whether_to_move_its_sub_policies_up()
    {
        var cut = Render<PoliciesPage>();
        cut.Find("[data-testid=policy-delete-r]").Click();
        Assert.Contains("Move its 1 sub-policies up a level", cut.Find("[data-testid=policy-delete-prompt]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=policy-delete-confirm]").Click();
        cut.WaitForAssertion(() => Assert.Contains("has 1 sub-policies", cut.Find("[data-testid=policies-error]").TextContent, StringComparison.Ordinal));

        cut.Find("input[data-testid=policy-delete-move-children]").Change(true);
        cut.Find("[data-testid=policy-delete-confirm]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=policy-delete-prompt]")));
        Assert.True(store.Deleted!.MoveChildrenToParent);
    }

    private sealed class FakePolicies :
        IQueryHandler<ListPoliciesQuery, IReadOnlyList<PolicyNode>>, ICommandHandler<CreatePolicyCommand, PolicyView>,
        ICommandHandler<UpdatePolicyCommand, PolicyView>, ICommandHandler<DeletePolicyCommand, bool>
    {
        private static readonly PolicyView Root = new("r", "Harassment", null, null, null, Penalty.High, 2, true, null, default);
        private static readonly PolicyView Child = new("c", "Threats", "r", null, null, Penalty.Severe, 2, false, "Harassment", default);

        public DeletePolicyCommand? Deleted { get; private set; }

        public Task<IReadOnlyList<PolicyNode>> HandleAsync(ListPoliciesQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<PolicyNode>>([new PolicyNode(Root, [new PolicyNode(Child, [], 1)], 0)]);

        public Task<PolicyView> HandleAsync(CreatePolicyCommand command, CancellationToken cancellationToken = default) =>
            throw new ValidationFailedException("Name", $"A policy named '{command.Details.Name}' already exists.");

        public Task<PolicyView> HandleAsync(UpdatePolicyCommand command, CancellationToken cancellationToken = default) =>
            Task.FromResult(Root);

        public Task<bool> HandleAsync(DeletePolicyCommand command, CancellationToken cancellationToken = default)
        {
            if (!command.MoveChildrenToParent)
            {
                throw new ValidationFailedException(string.Empty, "'Harassment' has 1 sub-policies. Delete or move them first.");
            }

            Deleted = command;
            return Task.FromResult(true);
        }
    }
}
