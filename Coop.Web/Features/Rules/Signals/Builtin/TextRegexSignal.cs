using Coop.Domain.Rules.TextBanks;
using Coop.Domain.Signals;
using Coop.Web.Features.Rules.TextBanks;

namespace Coop.Web.Features.Rules.Signals.Builtin;

/// <summary>
/// <c>text.regex</c>: whether any of the condition's regular expressions (inline or from regex banks) matches the
/// text, ignoring case. Each match has a 100 ms timeout; a timeout makes the result a failure ("unavailable").
/// </summary>
internal sealed class TextRegexSignal(TextBankMatcherCache banks) : ISignal
{
    public SignalManifest Manifest { get; } = new(
        "text.regex", "Regex match",
        "Passes when any of the given regular expressions, or any entry of the chosen regex banks, matches the text (ignoring case).",
        SignalOutputType.Boolean, TextMatching.TextInputs, SignalMatching.Strings | SignalMatching.TextBanks, Cost: 0);

    public async ValueTask<SignalResult> RunAsync(SignalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (loaded, error) = await TextMatching.LoadBanksAsync(banks, request, TextBankKind.Regex, cancellationToken);
        return error is not null
            ? SignalResult.Failed(error)
            : TextMatching.MatchRegexes(request, loaded, (matched, pattern) => SignalResult.Boolean(matched, pattern));
    }
}
