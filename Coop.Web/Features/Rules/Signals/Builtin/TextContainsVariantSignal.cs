using Coop.Domain.Rules.TextBanks;
using Coop.Domain.Signals;
using Coop.Web.Features.Rules.TextBanks;

namespace Coop.Web.Features.Rules.Signals.Builtin;

/// <summary>
/// <c>text.contains-variant</c>: whether a word of the text is a disguised form of one of the condition's words:
/// accents dropped, look-alike characters read as letters (<c>h3||0</c> is <c>hello</c>) and repeated letters
/// tolerated (<c>helllllloooo</c>). Matches start at a word start. See <see cref="Domain.Signals.Text.VariantText"/>.
/// </summary>
internal sealed class TextContainsVariantSignal(TextBankMatcherCache banks) : ISignal
{
    public SignalManifest Manifest { get; } = new(
        "text.contains-variant", "Text contains variant",
        "Passes when the text contains a disguised form of a given word or bank entry: look-alike characters (h3||0), repeated letters (helllo) and accents are tolerated.",
        SignalOutputType.Boolean, TextMatching.TextInputs, SignalMatching.Strings | SignalMatching.TextBanks, Cost: 1);

    public async ValueTask<SignalResult> RunAsync(SignalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (loaded, error) = await TextMatching.LoadBanksAsync(banks, request, TextBankKind.Strings, cancellationToken);
        if (error is not null)
        {
            return SignalResult.Failed(error);
        }

        var found = TextMatching.FindVariant(request, loaded);
        return SignalResult.Boolean(found is not null, found);
    }
}
