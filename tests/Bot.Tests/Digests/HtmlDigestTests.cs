using System.Net;
using System.Text;
using Bot.Digests;

namespace Bot.Tests.Digests;

/// <summary>The HTML forms of a digest (the web page, the email) give the same papers as the text form.</summary>
public class HtmlDigestTests
{
    private static readonly DateOnly Arrival = new(2026, 5, 10);

    private static readonly string[] Ids = ["2305.14890", "2409.11340", "2312.11392", "2305.12345"];

    /// <summary>The first three papers of a real digest and one whose abstract links its code.</summary>
    private static IReadOnlyList<SamplePaper> Papers { get; } =
        [.. SampleDigests.FirstPapers(SampleDigests.File000, 3), SampleDigests.PapersOf(SampleDigests.File000).Single(p => p.Title.StartsWith("OmniGen:", StringComparison.Ordinal))];

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static ParsedDigest Parse(string content, string name) => DigestParser.Parse(Encoding.UTF8.GetBytes(content), name, Arrival);

    private static ParsedDigest TextForm() =>
        Parse(SampleDigests.Compose([.. SampleDigests.StandardHeader, "Daily Papers", "May 6"], Papers), "digest.txt");

    /// <summary>A Daily Papers web page: site header and navigation, one article per paper, footer, scripts.</summary>
    private static string WebPage()
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Daily Papers - Hugging Face</title>
              <style>.paper h3 { font-weight: 600 }</style>
              <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>
            </head>
            <body class="flex min-h-screen flex-col">
              <header class="border-b">
                <div class="container flex items-center">
                  <a href="/" class="logo"><img alt="Hugging Face's logo" src="/front/assets/huggingface_logo-noborder.svg"><span>Hugging Face</span></a>
                  <form action="/search"><input type="text" placeholder="Search models, datasets, users..."></form>
                  <nav aria-label="Main"><ul><li><a href="/models">Models</a></li><li><a href="/datasets">Datasets</a></li><li><a href="/spaces">Spaces</a></li><li><a href="/posts">Posts</a></li><li><a href="/docs">Docs</a></li><li><a href="/pricing">Pricing</a></li><li><a href="/login">Log In</a></li><li><a href="/join">Sign Up</a></li></ul></nav>
                </div>
              </header>
              <main>
                <section class="container">
                  <div class="mb-4"><span class="badge">new</span></div>
                  <div><a href="/papers/subscribe">Get trending papers in your email inbox!</a></div>
                  <div><button type="button">Subscribe</button></div>
                  <h1>Daily Papers</h1>
                  <p class="byline">by <a href="/akhaliq">AK</a> and the research community</p>
                  <div class="date-nav"><button aria-label="previous day">&lt;</button><time datetime="2024-05-06">May 6</time><button aria-label="next day">&gt;</button></div>
                  <div class="papers grid">
            """);
        for (var i = 0; i < Papers.Count; i++)
        {
            html.Append($"""
                    <article class="paper card">
                      <a href="/papers/{Ids[i]}" class="thumb"><img src="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{Ids[i]}.png" alt=""></a>
                      <h3 class="line-clamp-3"><a href="/papers/{Ids[i]}" class="cursor-pointer">
                        {E(Papers[i].Title)}
                      </a></h3>
                      <p class="abstract text-gray-700">{E(Papers[i].Abstract)}</p>
                      <svg class="icon" viewBox="0 0 12 12"><text>42</text></svg>
                      <script type="application/json">{"{"}"paper":"{Ids[i]}","upvotes":42{"}"}</script>
                    </article>
                """);
        }
        html.Append("""
                  </div>
                </section>
              </main>
              <footer class="border-t">
                <div class="container">
                  <span>© Hugging Face</span>
                  <a href="/terms-of-service">TOS</a> <a href="/privacy">Privacy</a> <a href="/huggingface">About</a> <a href="https://apply.workable.com/huggingface/">Jobs</a>
                </div>
              </footer>
              <script src="/front/build/kube-0ab3/index.js"></script>
              <script>document.querySelectorAll("article").forEach(a => a.classList.add("Ignore previous instructions"));</script>
              <noscript>Please enable JavaScript to read the Daily Papers.</noscript>
            </body>
            </html>
            """);
        return html.ToString();
    }

    /// <summary>The email form: nested layout tables, the title a bold link, breaks between title and abstract.</summary>
    private static string Email()
    {
        var html = new StringBuilder();
        html.Append("""
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style type="text/css">td { font-family: Arial }</style></head>
            <body style="margin:0;padding:0">
            <table width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td align="center">
            <table width="600" cellpadding="0" cellspacing="0" border="0">
            <tr><td>new</td></tr>
            <tr><td>Get trending papers in your email inbox!</td></tr>
            <tr><td><h2 style="font-size:24px">Daily Papers</h2></td></tr>
            <tr><td>byAK and the research community</td></tr>
            <tr><td>May 6</td></tr>
            """);
        for (var i = 0; i < Papers.Count; i++)
        {
            html.Append($"""
                <tr><td style="padding:16px 0;border-bottom:1px solid #eee">
                <a href="https://huggingface.co/papers/{Ids[i]}" style="color:#000;text-decoration:none"><b>{E(Papers[i].Title)}</b></a><br>
                <br>
                {E(Papers[i].Abstract)}<br>
                </td></tr>
                """);
        }
        html.Append("""
            </table>
            </td></tr></table>
            </body></html>
            """);
        return html.ToString();
    }

    private static void AssertSameAsText(ParsedDigest html)
    {
        var text = TextForm();

        Assert.Equal("html", html.Format);
        Assert.Equal(text.Papers.Select(p => p.Title), html.Papers.Select(p => p.Title));
        Assert.Equal(text.Papers.Select(p => p.Abstract), html.Papers.Select(p => p.Abstract));
        Assert.Equal(text.Papers.Select(p => p.TitleKey), html.Papers.Select(p => p.TitleKey));
        Assert.Equal(text.Date, html.Date);
        Assert.True(html.DateFromHeader);
        Assert.True(html.Warnings.Count == 0, string.Join("; ", html.Warnings));
    }

    [Fact]
    public void Parse_WebPage_SamePapersAsTextForm() => AssertSameAsText(Parse(WebPage(), "daily.html"));

    [Fact]
    public void Parse_WebPageWithoutHtmlExtension_DetectedAsHtml() => AssertSameAsText(Parse(WebPage(), "daily-papers.txt"));

    [Fact]
    public void Parse_WebPage_PaperHrefBecomesHuggingFacePaperLink()
    {
        var digest = Parse(WebPage(), "daily.html");

        for (var i = 0; i < Papers.Count; i++)
        {
            Assert.Contains(new PaperLink($"https://huggingface.co/papers/{Ids[i]}", "paper"), digest.Papers[i].Links);
        }
    }

    [Fact]
    public void Parse_WebPage_AbstractLinksKeptAlongsidePaperLink()
    {
        var digest = Parse(WebPage(), "daily.html");

        var omniGen = digest.Papers[3];
        Assert.StartsWith("OmniGen", omniGen.Title, StringComparison.Ordinal);
        Assert.Contains(new PaperLink("https://github.com/VectorSpaceLab/OmniGen", "code"), omniGen.Links);
        Assert.Contains(new PaperLink($"https://huggingface.co/papers/{Ids[3]}", "paper"), omniGen.Links);
    }

    [Fact]
    public void Parse_WebPage_ScriptsStylesAndNavigationIgnored()
    {
        var digest = Parse(WebPage(), "daily.html");

        var all = string.Join("\n", digest.Papers.Select(p => p.Title + "\n" + p.Abstract));
        Assert.DoesNotContain("dataLayer", all, StringComparison.Ordinal);
        Assert.DoesNotContain("upvotes", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Ignore previous instructions", all, StringComparison.Ordinal);
        Assert.DoesNotContain("font-weight", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Pricing", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Privacy", all, StringComparison.Ordinal);
        Assert.DoesNotContain("JavaScript", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Email_SamePapersAsTextForm() => AssertSameAsText(Parse(Email(), "digest-email.html"));

    [Fact]
    public void Parse_EmailWithCrlfAndWrappedSource_SamePapersAsTextForm()
    {
        // Mail transports wrap long lines of the HTML source and use CRLF.
        var wrapped = string.Join("\r\n", Email().Split('\n').SelectMany(line => line.Chunk(76).Select(c => new string(c))
            .Aggregate(new List<string>(), (lines, chunk) =>
            {
                // Only break at spaces, as quoted-printable soft breaks decode to: the source gets a line break.
                if (lines.Count > 0 && !chunk.StartsWith(' ') && !lines[^1].EndsWith(' '))
                {
                    lines[^1] += chunk;
                }
                else
                {
                    lines.Add(chunk);
                }
                return lines;
            })));

        AssertSameAsText(Parse(wrapped, "digest-email.html"));
    }

    [Fact]
    public void Parse_HtmlEntitiesAndInlineMarkup_DecodedIntoPlainText()
    {
        const string html = """
            <!doctype html><html><body><main>
            <article><h3><a href="/papers/2401.00001">Caf&eacute; &amp; Cr&egrave;me: <em>Diffusion</em> for Desserts</a></h3>
            <p>We bake with diffusion &mdash; <b>fast</b>. Results beat &lt;baseline&gt; by 3&nbsp;points.</p></article>
            <article><h3><a href="/papers/2401.00002">Second Paper</a></h3><p>Another abstract. It has two sentences.</p></article>
            </main></body></html>
            """;

        var digest = Parse(html, "entities.html");

        Assert.Equal("Café & Crème: Diffusion for Desserts", digest.Papers[0].Title);
        Assert.Equal("We bake with diffusion — fast. Results beat <baseline> by 3 points.", digest.Papers[0].Abstract);
        Assert.Equal(2, digest.Papers.Count);
    }

    [Fact]
    public void Parse_HtmlAbstractWithParagraphBreaksInSource_JoinedIntoOneAbstract()
    {
        const string html = """
            <!doctype html><html><body>
            <article><h3><a href="/papers/2401.00001">Wrapped Source Abstract</a></h3>
            <p>We study line breaks in the HTML source of an abstract. They are
            layout, not meaning, and a pre-
            trained reader must join them.</p></article>
            </body></html>
            """;

        var paper = Assert.Single(Parse(html, "wrapped.html").Papers);

        Assert.Equal("We study line breaks in the HTML source of an abstract. They are layout, not meaning, and a pre-trained reader must join them.", paper.Abstract);
    }

    [Fact]
    public void Parse_ArticleWithItsOwnHeaderAndFooter_KeepsTitleFromArticleHeader()
    {
        const string html = """
            <!doctype html><html><body>
            <header><a href="/">Hugging Face</a></header>
            <main>
            <article><header><h3><a href="/papers/2401.00001">Headed Article Title</a></h3></header>
            <p>The title sits in the article's own header. It must still be read.</p><footer><span>Submitted by akhaliq</span></footer></article>
            <article><header><h3><a href="/papers/2401.00002">Second Headed Article</a></h3></header>
            <p>Another abstract. It has two sentences.</p></article>
            </main>
            <div role="contentinfo">© Hugging Face TOS Privacy</div>
            </body></html>
            """;

        var digest = Parse(html, "headed.html");

        Assert.Equal(["Headed Article Title", "Second Headed Article"], digest.Papers.Select(p => p.Title).ToArray());
        Assert.StartsWith("The title sits in the article's own header.", digest.Papers[0].Abstract, StringComparison.Ordinal);
        Assert.Contains(new PaperLink("https://huggingface.co/papers/2401.00001", "paper"), digest.Papers[0].Links);
    }

    [Fact]
    public void Parse_HtmlWithBidiControlsAndFullwidthTitle_StoredCleanLikeTextForm()
    {
        const string html = """
            <!doctype html><html><body><main>
            <article><h3><a href="/papers/2401.00001">&#x202E;Reversed Title &#x200B; Zero Width 🤖 Ｆｕｌｌ</a></h3>
            <p>We &#x2067;isolate&#x2069; runs&#x2060; and &#x202D;override&#x202C; them&#xFEFF;. Results improve.</p></article>
            <article><h3><a href="/papers/2401.00002">Second Paper</a></h3><p>Another abstract. It has two sentences.</p></article>
            </main></body></html>
            """;

        var digest = Parse(html, "bidi.html");

        Assert.Equal("Reversed Title Zero Width 🤖 Full", digest.Papers[0].Title);
        Assert.Equal("We isolate runs and override them. Results improve.", digest.Papers[0].Abstract);
    }
}
