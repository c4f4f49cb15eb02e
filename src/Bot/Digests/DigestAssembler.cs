namespace Bot.Digests;

/// <summary>
/// Turns the blocks a reader found into papers: header lines first, then title and abstract in turn.
/// A title followed by another title keeps its place with an empty abstract and a warning; a second
/// abstract paragraph joins the abstract before it.
/// </summary>
public static class DigestAssembler
{
    /// <param name="HeaderLines">Daily Papers header lines found above the papers ("Daily Papers", a date): a sign the file is a digest.</param>
    public sealed record Result(IReadOnlyList<DigestPaper> Papers, HeaderDate? Date, IReadOnlyList<string> Warnings, int OrphanParagraphs, int HeaderLines);

    public static Result Assemble(IReadOnlyList<DigestBlock> blocks, CancellationToken cancellationToken = default)
    {
        var warnings = new List<string>();
        var drafts = new List<Draft>();
        HeaderDate? date = null;
        var inHeader = true;
        var orphans = 0;
        var headerLines = 0;

        foreach (var block in blocks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lines = block.Lines;
            if (inHeader)
            {
                // Header lines may share a block (an email flattened to text); strip them one by one.
                var skip = 0;
                while (skip < lines.Count && IsHeaderLine(lines[skip], ref date))
                {
                    skip++;
                }
                headerLines += skip;
                if (skip == lines.Count)
                {
                    continue;
                }
                inHeader = false;
                lines = lines.Skip(skip).ToList();
            }

            if (lines.All(DigestHeader.IsBoilerplate))
            {
                // Page furniture repeated below the papers ("Subscribe", "Daily Papers") is not a title.
                continue;
            }

            var text = LineJoiner.Join(lines);
            var last = drafts.Count > 0 ? drafts[^1] : null;
            var expectingAbstract = last is { HasAbstract: false };
            var kind = block.IsHeading ? BlockKind.Title : BlockClassifier.Classify(text);

            if (!block.IsHeading && BlockClassifier.StartsWithTitleLine(lines) && (!expectingAbstract || kind == BlockKind.Title))
            {
                drafts.Add(new Draft(lines[0].Trim(), block.Hrefs) { Abstract = LineJoiner.Join(lines.Skip(1).ToList()) });
                continue;
            }

            var isTitle = kind switch
            {
                BlockKind.Title => true,
                BlockKind.Abstract => false,
                _ => !expectingAbstract,
            };
            if (isTitle)
            {
                drafts.Add(new Draft(text.Trim(), block.Hrefs));
            }
            else if (last is null)
            {
                orphans++;
                warnings.Add($"paragraph {Preview(text)} has no title before it; skipped");
            }
            else if (!last.HasAbstract)
            {
                last.Abstract = text.Trim();
            }
            else
            {
                last.AddParagraph(text.Trim());
                orphans++;
            }
        }

        var papers = new List<DigestPaper>(drafts.Count);
        foreach (var draft in drafts)
        {
            if (string.IsNullOrWhiteSpace(draft.Abstract))
            {
                warnings.Add($"paper {Preview(draft.Title)} has no abstract; kept with its title only");
            }
            var rawAbstract = draft.Abstract ?? "";
            var links = AbstractCleaner.FindLinks(rawAbstract).ToList();
            foreach (var href in draft.Hrefs ?? [])
            {
                if (!links.Exists(l => l.Url == href))
                {
                    links.AddRange(AbstractCleaner.FindLinks(href));
                }
            }
            papers.Add(new DigestPaper(papers.Count + 1, draft.Title, AbstractCleaner.Clean(rawAbstract), links));
        }
        return new Result(papers, date, warnings, orphans, headerLines);
    }

    private static bool IsHeaderLine(string line, ref HeaderDate? date)
    {
        if (DigestHeader.IsBoilerplate(line))
        {
            return true;
        }
        if (date is null && DigestHeader.TryParseDate(line) is { } parsed)
        {
            date = parsed;
            return true;
        }
        return false;
    }

    internal static string Preview(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= 60 ? $"\"{oneLine}\"" : $"\"{oneLine[..57]}...\"";
    }

    private sealed class Draft(string title, IReadOnlyList<string>? hrefs)
    {
        // Paragraphs are gathered, not appended one by one: thousands of paragraphs under one title
        // copied the growing abstract each time, quadratic in the file.
        private System.Text.StringBuilder? _paragraphs;
        private string? _abstract;

        public string Title { get; } = title;
        public IReadOnlyList<string>? Hrefs { get; } = hrefs;

        public bool HasAbstract => _abstract is not null;

        public string? Abstract
        {
            get => _paragraphs?.ToString() ?? _abstract;
            set => (_abstract, _paragraphs) = (value, null);
        }

        public void AddParagraph(string text)
        {
            _paragraphs ??= new System.Text.StringBuilder(_abstract);
            _paragraphs.Append("\n\n").Append(text);
        }
    }
}
