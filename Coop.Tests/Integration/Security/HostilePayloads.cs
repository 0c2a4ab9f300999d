namespace Coop.Tests.Integration.Security;

/// <summary>
/// Item content that would run script if a page rendered it as markup, URL or style: each payload, if it ever ran,
/// calls <c>window.__xss.push(…)</c> (the browser test's trap) or <c>alert</c>. Shared by the bUnit and Playwright checks.
/// </summary>
public static class HostilePayloads
{
    public static readonly string[] Markup =
    [
        "<script>window.__xss.push('script')</script>",
        "<img src=x onerror=\"window.__xss.push('img')\">",
        "<svg onload=\"window.__xss.push('svg-onload')\"><script>window.__xss.push('svg-script')</script></svg>",
        "<svg><foreignObject><iframe srcdoc=\"<script>parent.__xss.push('srcdoc')</script>\"></iframe></foreignObject></svg>",
        "<iframe src=\"javascript:parent.__xss.push('iframe')\"></iframe>",
        "<input autofocus onfocus=\"window.__xss.push('autofocus')\"><details open ontoggle=\"window.__xss.push('toggle')\">",
        "</style><script>window.__xss.push('style-breakout')</script>",
        "<style>*{background:url('javascript:window.__xss.push(1)')} body{width:expression(window.__xss.push('expression'))}</style>",
        "<div style=\"background-image:url(javascript:window.__xss.push('style-attr'))\">css</div>",
        "\" style=\"x:expression(alert('quote-breakout'))\" onmouseover=\"alert('attr')\" x=\"",
        "[click](javascript:window.__xss.push('markdown')) ![img](javascript:window.__xss.push('markdown-img')) <a href=\"javascript:window.__xss.push('anchor')\">a</a>",
        "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss.push('mxss')\">",
        "&lt;script&gt;window.__xss.push('entity')&lt;/script&gt; {{constructor.constructor('alert(1)')()}} ${alert(1)}",
        "<body onload=\"alert('body')\"><object data=\"javascript:alert('object')\"></object><embed src=\"javascript:alert('embed')\">",
    ];

    /// <summary>Values for URL, link and media fields: script schemes in their disguises, and web addresses that try to break out.</summary>
    public static readonly string[] Urls =
    [
        "javascript:window.__xss.push('js-url')",
        "JaVaScRiPt:window.__xss.push('js-case')",
        " javascript:window.__xss.push('js-space')",
        "java\tscript:window.__xss.push('js-tab')",
        "javascript&colon;window.__xss.push('js-entity')",
        "data:text/html,<script>window.__xss.push('data-html')</script>",
        "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='window.__xss.push(1)'/>",
        "vbscript:msgbox('vb')",
        "https://example.org/\"><script>window.__xss.push('url-breakout')</script>",
        "https://example.org/x.svg#<svg/onload=window.__xss.push('fragment')>",
    ];

    public static IEnumerable<string> All => Markup.Concat(Urls);
}
