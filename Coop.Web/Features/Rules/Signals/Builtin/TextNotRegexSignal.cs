using Coop.Domain.Rules.TextBanks;
using Coop.Domain.Signals;
using Coop.Web.Features.Rules.TextBanks;

namespace Coop.Web.Features.Rules.Signals.Builtin;

/// <summary><c>text.not-regex</c>: the negation of <c>text.regex</c>; a timeout is still a failure, never a pass.</summary>
internal sealed class TextNotRegexSignal(TextBankMatcherCache banks) : ISignal
{
    public SignalManifest Manifest { get; } = new(
        "text.not-regex", "Regex doesn't match",
        "Passes when none of the given regular expressions and no entry of the chosen regex banks matches the text (ignoring case).",
        SignalOutputType.Boolean, TextMatching.TextInputs, SignalMatching.Strings | SignalMatching.TextBanks, Cost: 0);

    public async ValueTask<SignalResult> RunAsync(SignalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (loaded, error) = await TextMatching.LoadBanksAsync(banks, request, TextBankKind.Regex, cancellationToken);
        return error is not null
            ? SignalResult.Failed(error)
            : TextMatching.MatchRegexes(request, loaded, (matched, pattern) => SignalResult.Boolean(!matched, pattern));
    }
}
