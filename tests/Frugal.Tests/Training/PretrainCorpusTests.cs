using Frugal.Training;

namespace Frugal.Tests.Training;

public class PretrainCorpusTests
{
    [Fact]
    public void Blank_lines_separate_documents_and_lines_within_one_are_kept()
    {
        string[] lines = ["", "first line", "second line\r", "", "  ", "", "next", " ", "last"];
        Assert.Equal(["first line\nsecond line", "next", "last"], PretrainCorpus.SplitPlain(lines));
    }

    [Fact]
    public void The_split_is_disjoint_complete_seeded_and_keeps_corpus_order()
    {
        var documents = Enumerable.Range(0, 100).Select(i => $"doc {i}").ToList();
        var (train, validation) = PretrainCorpus.Split(documents, 0.05, seed: 1);
        Assert.Equal(5, validation.Count);
        Assert.Equal(documents.Order(), train.Concat(validation).Order());
        Assert.Equal(train.OrderBy(documents.IndexOf), train);
        Assert.Equal(validation, PretrainCorpus.Split(documents, 0.05, seed: 1).Validation);
        Assert.NotEqual(validation, PretrainCorpus.Split(documents, 0.05, seed: 2).Validation);
    }

    [Fact]
    public void One_document_cannot_be_split()
    {
        var error = Assert.Throws<BadInputException>(() => PretrainCorpus.Split(["only"], 0.05, 0));
        Assert.Contains("at least 2", error.Message);
    }
}
