using System.Text;
using Bot.Digests;

namespace Bot.Tests.Digests;

/// <summary>Whatever is not a digest is refused with a message that names the file and says what was expected.</summary>
public class NotADigestTests
{
    private static readonly DateOnly Arrival = new(2026, 5, 10);

    private static void AssertRefused(byte[] content, string name)
    {
        var error = Assert.Throws<DigestFormatException>(() => DigestParser.Parse(content, name, Arrival));

        Assert.Equal(name, error.SourceName);
        Assert.StartsWith(name, error.Message, StringComparison.Ordinal);
        Assert.Contains("expected", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Problem, error.Message, StringComparison.Ordinal);
    }

    private static void AssertRefused(string text, string name) => AssertRefused(Encoding.UTF8.GetBytes(text), name);

    [Fact]
    public void Parse_EmptyFile_ThrowsNamingFileAndExpectation() => AssertRefused([], "empty.txt");

    [Theory]
    [InlineData("\n\n\n")]
    [InlineData("   \r\n\t\r\n  ")]
    [InlineData("\uFEFF")]
    public void Parse_OnlyWhitespace_ThrowsNamingFileAndExpectation(string text) => AssertRefused(text, "blank.txt");

    [Fact]
    public void Parse_OnlyHeaderLines_ThrowsNamingFileAndExpectation() =>
        AssertRefused("new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\nby AK and the research community\n\nMay 6\n", "header-only.txt");

    [Fact]
    public void Parse_PngImage_ThrowsNamingFileAndExpectation()
    {
        byte[] png =
        [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
            0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
            0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
            0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
            0x42, 0x60, 0x82,
        ];

        AssertRefused(png, "figure.png");
    }

    [Fact]
    public void Parse_BinaryWithNulsAfterTextPrefix_ThrowsNamingFileAndExpectation()
    {
        var bytes = Encoding.UTF8.GetBytes("HARD: Hard Augmentations for Robust Distillation\n\n").Concat(new byte[300]).ToArray();

        AssertRefused(bytes, "dump.bin");
    }

    [Fact]
    public void Parse_RandomBytes_ThrowsNamingFileAndExpectation()
    {
        var bytes = new byte[4096];
        new Random(1234).NextBytes(bytes);

        AssertRefused(bytes, "random.dat");
    }

    /// <summary>What <c>head -c 10000 /dev/urandom | tr -d '\000'</c> gives: no NUL to give it away, not UTF-8.</summary>
    private static byte[] RandomBytesWithoutNuls(int seed, int length)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (byte)random.Next(1, 256)).ToArray();
    }

    [Theory]
    [InlineData(1, 10_000)]
    [InlineData(2, 10_000)]
    [InlineData(3, 200)]
    [InlineData(4, 100_000)]
    public void Parse_RandomBytesWithoutNuls_RefusedAsBinary(int seed, int length)
    {
        var bytes = RandomBytesWithoutNuls(seed, length);

        AssertRefused(bytes, "r.txt");
        var error = Assert.Throws<DigestFormatException>(() => DigestParser.Parse(bytes, "r.txt", Arrival));
        Assert.Contains("looks like a binary file, not a digest", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RandomBytesWithoutNulsAfterRealDigest_RefusedAsBinary()
    {
        // A real digest with a binary blob glued on (a mail attachment saved whole).
        var bytes = SampleDigests.Bytes(SampleDigests.File000).Take(20_000).Concat(RandomBytesWithoutNuls(5, 10_000)).ToArray();

        var error = Assert.Throws<DigestFormatException>(() => DigestParser.Parse(bytes, "glued.txt", Arrival));

        Assert.Contains("binary", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GibberishShapedLikeADigest_ThrowsNamingFileAndExpectation()
    {
        // Valid UTF-8 without control characters, laid out as titles and "abstracts" whose sentences
        // end in a letter and a full stop: only the words give it away.
        var random = new Random(7);
        string Token() => new(Enumerable.Range(0, random.Next(2, 10)).Select(_ => (char)random.Next(0x21, 0x7F)).ToArray());
        var text = new StringBuilder();
        for (var paper = 0; paper < 6; paper++)
        {
            text.AppendJoin(' ', Enumerable.Range(0, 5).Select(_ => Token())).Append("\n\n");
            text.AppendJoin(' ', Enumerable.Range(1, 60).Select(i => i % 10 == 0 ? Token() + "a." : Token())).Append("\n\n");
        }

        AssertRefused(text.ToString(), "noise.txt");
    }

    [Fact]
    public void Parse_HtmlBlogPostWithOneHeading_RefusedAsNotADailyPapersDigest() => AssertRefused(
        "<html><head><title>Not a digest</title></head><body><h1>Welcome</h1><p>Just a blog post about cats.</p></body></html>",
        "cats.html");

    [Fact]
    public void Parse_HtmlBlogPostWithSeveralSectionsOfProse_RefusedAsNotADailyPapersDigest()
    {
        var html = new StringBuilder("<!doctype html><html><head><title>My blog</title></head><body><main>");
        foreach (var paper in SampleDigests.FirstPapers(SampleDigests.File001, 4))
        {
            // Headings and real paragraphs of prose, but no link to a paper and no Daily Papers header.
            html.Append($"<h2><a href=\"https://blog.example.com/posts/{paper.Title.Length}\">{System.Net.WebUtility.HtmlEncode(paper.Title)}</a></h2>");
            html.Append($"<p>{System.Net.WebUtility.HtmlEncode(paper.Abstract)}</p>");
        }
        html.Append("</main></body></html>");

        var error = Assert.Throws<DigestFormatException>(() => DigestParser.Parse(Encoding.UTF8.GetBytes(html.ToString()), "blog.html", Arrival));

        Assert.Contains("not a Daily Papers digest", error.Problem, StringComparison.Ordinal);
        Assert.Contains("expected", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Welcome\n\nJust a blog post about cats.\n")]
    [InlineData("Shopping List\n\nBuy milk and eggs.\n")]
    public void Parse_TitleWithOneShortSentence_ThrowsNamingFileAndExpectation(string text) => AssertRefused(text, "note.txt");

    [Theory]
    [InlineData("Notes\n\nBuy milk. Call mom.\n")]
    [InlineData("README\n\nRun make. Then run make install.\n")]
    [InlineData("About me\n\nI am a software engineer who likes cats and dogs a lot.\n")]
    [InlineData("Meeting notes\n\nWe met. We talked. We left.\n\nAction items\n\nNone. Really.\n")]
    public void Parse_HeaderlessNotesWithShortParagraphs_ThrowsNamingFileAndExpectation(string text) => AssertRefused(text, "notes.txt");

    [Fact]
    public void Parse_HeaderlessButWithAPaperLengthAbstract_IsAccepted()
    {
        var paper = SampleDigests.FirstPapers(SampleDigests.File000, 1)[0];

        var digest = DigestParser.Parse(System.Text.Encoding.UTF8.GetBytes($"{paper.Title}\n\n{paper.Abstract}\n"), "pasted.txt", new DateOnly(2026, 5, 10));

        Assert.Equal(paper.Title, Assert.Single(digest.Papers).Title);
    }

    [Fact]
    public void Parse_OnlyTitleWithoutAbstract_ThrowsNamingFileAndExpectation() =>
        AssertRefused(SampleDigests.FirstPapers(SampleDigests.File000, 1)[0].Title + "\n", "one-title.txt");

    [Fact]
    public void Parse_JsonFile_ThrowsNamingFileAndExpectation() => AssertRefused(
        """
        {
          "date": "2024-05-06",
          "papers": [
            {
              "title": "HARD: Hard Augmentations for Robust Distillation",
              "abstract": "Knowledge distillation (KD) is a simple and successful method to transfer knowledge from a teacher to a student model. We propose HARD.",
              "url": "https://huggingface.co/papers/2305.14890"
            },
            {
              "title": "Go Wider Instead of Deeper",
              "abstract": "More transformer blocks with residual connections have recently achieved impressive results on various tasks.",
              "url": "https://huggingface.co/papers/2107.11817"
            }
          ]
        }
        """, "papers.json");

    [Fact]
    public void Parse_JsonFileWithBlankLines_ThrowsNamingFileAndExpectation() => AssertRefused(
        "[\n\n{\"title\": \"Go Wider Instead of Deeper\",\n\n\"abstract\": \"More transformer blocks with residual connections have recently achieved impressive results.\"}\n\n]\n",
        "spaced.json");

    [Fact]
    public void Parse_CsvFile_ThrowsNamingFileAndExpectation() => AssertRefused(
        """
        title,abstract,url,upvotes
        "HARD: Hard Augmentations for Robust Distillation","Knowledge distillation (KD) is a simple and successful method. We propose HARD.",https://huggingface.co/papers/2305.14890,12
        "Go Wider Instead of Deeper","More transformer blocks with residual connections have recently achieved impressive results.",https://huggingface.co/papers/2107.11817,7
        "OmniGen: Unified Image Generation","We introduce OmniGen, a new diffusion model for unified image generation.",https://huggingface.co/papers/2409.11340,30
        """, "export.csv");

    [Fact]
    public void Parse_CSharpSourceCode_ThrowsNamingFileAndExpectation() => AssertRefused(
        """
        using System;
        using System.Collections.Generic;

        namespace Example.Papers;

        /// <summary>Keeps papers in memory.</summary>
        public sealed class PaperCache
        {
            private readonly Dictionary<string, string> _titles = new();

            public void Add(string id, string title) => _titles[id] = title;

            public string? Find(string id) => _titles.TryGetValue(id, out var title) ? title : null;
        }

        public static class Program
        {
            public static void Main()
            {
                var cache = new PaperCache();
                cache.Add("2305.14890", "HARD: Hard Augmentations for Robust Distillation");
                Console.WriteLine(cache.Find("2305.14890"));
            }
        }
        """, "PaperCache.cs");

    [Fact]
    public void Parse_PythonSourceCode_ThrowsNamingFileAndExpectation() => AssertRefused(
        """
        import json
        from pathlib import Path


        def load(path):
            \"\"\"Read a digest export.\"\"\"
            return json.loads(Path(path).read_text())


        class Digest:
            def __init__(self, papers):
                self.papers = papers

            def titles(self):
                return [p["title"] for p in self.papers]


        if __name__ == "__main__":
            print(Digest(load("papers.json")).titles())
        """, "digest.py");

    [Fact]
    public void Parse_SingleLongParagraphOfProse_ThrowsNamingFileAndExpectation() =>
        AssertRefused(SampleDigests.PapersOf(SampleDigests.File000)[0].Abstract + "\n", "essay.txt");

    [Fact]
    public void Parse_SeveralParagraphsOfProse_ThrowsNamingFileAndExpectation() =>
        AssertRefused(string.Join("\n\n", SampleDigests.PapersOf(SampleDigests.File001).Take(4).Select(p => p.Abstract)), "essay.txt");

    [Fact]
    public void Parse_OnlyTitlesWithoutAbstracts_ThrowsNamingFileAndExpectation() =>
        AssertRefused(string.Join("\n\n", SampleDigests.PapersOf(SampleDigests.File001).Take(6).Select(p => p.Title)), "titles.txt");

    [Fact]
    public void Parse_HtmlPageWithoutPapers_ThrowsNamingFileAndExpectation() => AssertRefused(
        "<!DOCTYPE html><html><head><title>404</title><script>var x = 1;</script></head><body><nav><a href=\"/\">Home</a></nav></body></html>",
        "missing.html");

    [Fact]
    public void Parse_FileNameWithPath_MessageNamesThatFile()
    {
        const string name = "/var/inbox/digests/2024-05-06 copy.txt";

        AssertRefused("just some words", name);
    }
}
