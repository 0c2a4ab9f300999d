using Coop.Domain.Rules.TextBanks;
using Coop.Domain.Signals;
using Coop.Web.Features.Rules.TextBanks;

namespace Coop.Web.Features.Rules.Signals.Builtin;

/// <summary>
/// <c>text.contains</c>: whether the text contains any of the condition's strings or text bank entries, ignoring
/// case (culture-invariant); the matched value is the term found. Banks are matched with an Aho–Corasick automaton.
/// </summary>
internal sealed class TextContainsSignal(TextBankMatcherCache banks) : ISignal
{
    public SignalManifest Manifest { get; } = new(
        "text.contains", "Text contains",
        "Passes when the text contains any of the given words or phrases, or any entry of the chosen text banks (ignoring case).",
        SignalOutputType.Boolean, TextMatching.TextInputs, SignalMatching.Strings | SignalMatching.TextBanks, Cost: 0);

    public async ValueTask<SignalResult> RunAsync(SignalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (loaded, error) = await TextMatching.LoadBanksAsync(banks, request, TextBankKind.Strings, cancellationToken);
        if (error is not null)
        {
            return SignalResult.Failed(error);
        }

        var found = TextMatching.FindContained(request, loaded);
        return SignalResult.Boolean(found is not null, found);
    }
}
