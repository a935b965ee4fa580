using ScottPlot;

namespace Frugal.Reports;

/// <summary>Learning-rate curves over a budget, one line each, like the REX paper's figure of profiles.</summary>
public static class ScheduleChart
{
    public sealed record Curve(string Name, IReadOnlyList<double> LearningRates);

    public static void SavePng(string path, string title, IReadOnlyList<Curve> curves, int width = 900, int height = 560)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < curves.Count; i++)
        {
            var ys = curves[i].LearningRates.ToArray();
            var xs = Enumerable.Range(0, ys.Length).Select(t => (double)t).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, palette.GetColor(i));
            line.LineWidth = 2;
            // Ten colours, and curves that coincide (polynomial with power 1 is linear): dash the later ones.
            if (i >= 7) line.LinePattern = LinePattern.Dashed;
            line.LegendText = curves[i].Name;
        }
        plot.Title(title);
        plot.XLabel("step t");
        plot.YLabel("learning rate");
        if (curves.Count > 1) plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        plot.SavePng(path, width, height);
    }
}
