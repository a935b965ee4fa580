using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Frugal.Cli.Commands;
using Spectre.Console.Cli;
using YamlDotNet.RepresentationModel;

namespace Frugal.Tests.Cli;

/// <summary>docs/cluster.md's Slurm script and Kubernetes Job, checked without a cluster: syntax, key fields, and options.</summary>
public class ClusterDocsTests
{
    private static string Doc()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "cluster.md");
            if (File.Exists(path) && File.Exists(Path.Combine(dir.FullName, "Frugal.slnx"))) return File.ReadAllText(path);
        }
        throw new FileNotFoundException("docs/cluster.md not found above the test folder");
    }

    /// <summary>The first fenced block of this language after the heading.</summary>
    private static string Block(string heading, string language)
    {
        var doc = Doc();
        var at = doc.IndexOf($"## {heading}\n", StringComparison.Ordinal);
        Assert.True(at >= 0, $"docs/cluster.md has no '## {heading}' section");
        var match = new Regex($"```{language}\n(.*?)```", RegexOptions.Singleline).Match(doc, at);
        Assert.True(match.Success, $"no ```{language} block under '## {heading}'");
        return match.Groups[1].Value;
    }

    private static HashSet<string> WorkerOptions() =>
        [.. typeof(WorkerSettings).GetProperties()
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .Where(a => a is not null)
            .SelectMany(a => a!.LongNames.Select(n => $"--{n}"))];

    private static void AssertWorkerOptionsExist(IEnumerable<string> options)
    {
        var known = WorkerOptions();
        Assert.All(options, o => Assert.Contains(o, known));
    }

    [Fact]
    public void The_slurm_script_is_valid_bash_and_runs_an_array_of_workers_on_the_store_from_the_environment()
    {
        var script = Block("Slurm", "bash");
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, script);
            var info = new ProcessStartInfo("bash") { RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add("-n");
            info.ArgumentList.Add(file);
            using var bash = Process.Start(info)!;
            var errors = bash.StandardError.ReadToEnd();
            bash.WaitForExit();
            Assert.True(bash.ExitCode == 0, $"bash -n: {errors}");
        }
        finally
        {
            File.Delete(file);
        }

        Assert.StartsWith("#!/bin/bash\n", script);
        Assert.Matches(@"(?m)^#SBATCH --array=\d+-\d+$", script);
        Assert.Matches(@"(?m)^#SBATCH --signal=TERM@\d+$", script);
        Assert.Contains("${FRUGAL_STORE:?", script);
        Assert.DoesNotContain("--store", script);   // the worker reads FRUGAL_STORE itself
        var worker = Regex.Match(script, @"(?m)^srun frugal worker (.*)$");
        Assert.True(worker.Success, "no `srun frugal worker` line");
        AssertWorkerOptionsExist(Regex.Matches(worker.Groups[1].Value, @"--[a-z-]+").Select(m => m.Value));
    }

    [Fact]
    public void The_kubernetes_job_runs_parallel_workers_on_the_store_from_the_environment()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(Block("Kubernetes", "yaml")));
        var job = (YamlMappingNode)Assert.Single(yaml.Documents).RootNode;
        string Scalar(YamlNode node, params string[] path) =>
            ((YamlScalarNode)path.Aggregate(node, (n, key) => ((YamlMappingNode)n)[key])).Value!;

        Assert.Equal("batch/v1", Scalar(job, "apiVersion"));
        Assert.Equal("Job", Scalar(job, "kind"));
        var spec = (YamlMappingNode)job["spec"];
        Assert.True(int.Parse(Scalar(spec, "parallelism")) > 1);
        Assert.False(spec.Children.ContainsKey("completions"), "a work queue Job sets no completions");
        var pod = (YamlMappingNode)((YamlMappingNode)spec["template"])["spec"];
        Assert.Contains(Scalar(pod, "restartPolicy"), new[] { "OnFailure", "Never" });
        var container = (YamlMappingNode)Assert.Single(((YamlSequenceNode)pod["containers"]).Children);
        var command = ((YamlSequenceNode)container["command"]).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
        Assert.Equal(["frugal", "worker"], command.Take(2));
        Assert.DoesNotContain("--store", command);
        AssertWorkerOptionsExist(command.Where(c => c.StartsWith("--")));
        var env = ((YamlSequenceNode)container["env"]).Children.Cast<YamlMappingNode>().ToDictionary(e => Scalar(e, "name"));
        Assert.True(env.ContainsKey("FRUGAL_STORE"), "the store URL comes from the environment");
        Assert.Equal("frugal-store", Scalar(env["PGPASSWORD"], "valueFrom", "secretKeyRef", "name"));
        var mount = Scalar((YamlMappingNode)((YamlSequenceNode)container["volumeMounts"]).Children[0], "mountPath");
        Assert.Equal(mount, command[command.IndexOf("--checkpoints") + 1]);
    }
}
