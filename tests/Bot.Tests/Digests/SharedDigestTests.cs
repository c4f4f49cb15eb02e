using Bot.Digests;

namespace Bot.Tests.Digests;

/// <summary>The real digests in the shared folder parse completely and exactly.</summary>
public class SharedDigestTests
{
    private static readonly DateOnly Arrival = new(2026, 5, 10);

    public static TheoryData<string, int, string, string> Expected => new()
    {
        { SampleDigests.File000, 85, "HARD: Hard Augmentations for Robust Distillation",
            "All but One: Surgical Concept Erasing with Model Preservation in Text-to-Image Diffusion Models" },
        { SampleDigests.File001, 77, "Fast and Accurate Transferability Measurement by Evaluating Intra-class Feature Variance",
            "Go Wider Instead of Deeper" },
        { SampleDigests.File002, 60, "Towards a Unified View of Parameter-Efficient Transfer Learning",
            "MRS: A Fast Sampler for Mean Reverting Diffusion based on ODE and SDE Solvers" },
    };

    [Fact]
    public void SharedFolder_Listing_HoldsTheThreeKnownSamples()
    {
        var names = Directory.GetFiles(TestPaths.SharedDigests).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(new[] { SampleDigests.File000, SampleDigests.File001, SampleDigests.File002 }, names);
    }

    [Fact]
    public void Parse_EverySharedFile_ParsesAsTextWithoutWarnings()
    {
        foreach (var path in Directory.GetFiles(TestPaths.SharedDigests))
        {
            var digest = DigestParser.Parse(File.ReadAllBytes(path), Path.GetFileName(path), Arrival);

            Assert.Equal("text", digest.Format);
            Assert.NotEmpty(digest.Papers);
            Assert.True(digest.Warnings.Count == 0, $"{path}: {string.Join("; ", digest.Warnings)}");
        }
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Parse_SharedFile_HasExactCountAndFirstAndLastTitles(string file, int count, string first, string last)
    {
        var digest = DigestParser.Parse(SampleDigests.Bytes(file), file, Arrival);

        Assert.Equal(count, digest.Papers.Count);
        Assert.Equal(first, digest.Papers[0].Title);
        Assert.Equal(last, digest.Papers[^1].Title);
        Assert.Equal(Enumerable.Range(1, count), digest.Papers.Select(p => p.Position));
        Assert.Equal(file, digest.SourceName);
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Parse_SharedFile_EveryPaperMatchesTheFileLineByLine(string file, int count, string first, string last)
    {
        var digest = DigestParser.Parse(SampleDigests.Bytes(file), file, Arrival);
        var sample = SampleDigests.PapersOf(file);

        Assert.Equal(count, sample.Count);
        Assert.Equal(first, sample[0].Title);
        Assert.Equal(last, sample[^1].Title);
        for (var i = 0; i < sample.Count; i++)
        {
            Assert.Equal(sample[i].Title, digest.Papers[i].Title);
            // Abstracts without LaTeX leftovers come through untouched; the rest only lose the leftovers.
            var expected = sample[i].Abstract.Contains('{', StringComparison.Ordinal)
                ? AbstractCleaner.Clean(sample[i].Abstract)
                : sample[i].Abstract;
            Assert.Equal(expected, digest.Papers[i].Abstract);
            Assert.DoesNotContain("textbf{", digest.Papers[i].Abstract, StringComparison.Ordinal);
            Assert.DoesNotContain("{url}", digest.Papers[i].Abstract, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_AllSharedFiles_DedupeTo185DistinctTitleKeys()
    {
        var keys = new[] { SampleDigests.File000, SampleDigests.File001, SampleDigests.File002 }
            .SelectMany(f => DigestParser.Parse(SampleDigests.Bytes(f), f, Arrival).Papers)
            .Select(p => p.TitleKey)
            .ToList();

        Assert.Equal(85 + 77 + 60, keys.Count);
        Assert.Equal(185, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Parse_File000_DateIsMay6BeforeArrival()
    {
        var digest = DigestParser.Parse(SampleDigests.Bytes(SampleDigests.File000), SampleDigests.File000, new DateOnly(2026, 5, 10));

        Assert.True(digest.DateFromHeader);
        Assert.Equal(new DateOnly(2026, 5, 6), digest.Date);
    }

    [Fact]
    public void Parse_File001_DateIsMostRecentMar18NotAfterArrival()
    {
        var digest = DigestParser.Parse(SampleDigests.Bytes(SampleDigests.File001), SampleDigests.File001, new DateOnly(2026, 3, 1));

        Assert.True(digest.DateFromHeader);
        Assert.Equal(new DateOnly(2025, 3, 18), digest.Date);
    }

    [Fact]
    public void Parse_File002WithoutDate_UsesArrivalDate()
    {
        var arrival = new DateOnly(2026, 2, 14);

        var digest = DigestParser.Parse(SampleDigests.Bytes(SampleDigests.File002), SampleDigests.File002, arrival);

        Assert.False(digest.DateFromHeader);
        Assert.Equal(arrival, digest.Date);
    }

    [Fact]
    public void Parse_File000_KeepsLinksTheAbstractsMention()
    {
        var digest = DigestParser.Parse(SampleDigests.Bytes(SampleDigests.File000), SampleDigests.File000, Arrival);

        var omniGen = Assert.Single(digest.Papers, p => p.Title.StartsWith("OmniGen:", StringComparison.Ordinal));
        Assert.Contains(new PaperLink("https://github.com/VectorSpaceLab/OmniGen", "code"), omniGen.Links);
        var links = digest.Papers.SelectMany(p => p.Links).ToList();
        Assert.Contains(new PaperLink("https://gohyojun15.github.io/ANT_diffusion/", "project"), links);
        Assert.Contains(new PaperLink("https://github.com/kleinzcy/Cr-KD-NCD", "code"), links);
        Assert.Contains(new PaperLink("https://github.com/HCPLab-SYSU/SKT", "code"), links);
        Assert.All(links, l => Assert.DoesNotMatch(@"[{}.,]$", l.Url));
    }

    [Fact]
    public void Parse_File000_RepairsTextbfLeftovers()
    {
        var digest = DigestParser.Parse(SampleDigests.Bytes(SampleDigests.File000), SampleDigests.File000, Arrival);

        var analog = Assert.Single(digest.Papers, p => p.Abstract.Contains("AnalogGenie", StringComparison.Ordinal));
        Assert.Contains("AnalogGenie, a Generative engine for automatic design/discovery of Analog circuit", analog.Abstract, StringComparison.Ordinal);
    }
}
