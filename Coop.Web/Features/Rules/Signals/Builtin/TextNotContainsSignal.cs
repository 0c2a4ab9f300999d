using Coop.Domain.Rules.TextBanks;
using Coop.Domain.Signals;
using Coop.Web.Features.Rules.TextBanks;

namespace Coop.Web.Features.Rules.Signals.Builtin;

/// <summary><c>text.not-contains</c>: the negation of <c>text.contains</c> (the matched value still names the term found).</summary>
internal sealed class TextNotContainsSignal(TextBankMatcherCache banks) : ISignal
{
    public SignalManifest Manifest { get; } = new(
        "text.not-contains", "Text doesn't contain",
        "Passes when the text contains none of the given words or phrases and no entry of the chosen text banks (ignoring case).",
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
        return SignalResult.Boolean(found is null, found);
    }
}
