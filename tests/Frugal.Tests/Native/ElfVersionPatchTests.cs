using System.Diagnostics;
using System.Runtime.Versioning;
using Frugal.Build;

namespace Frugal.Tests.Native;

// libLibTorchSharp.so, ln and /proc/self/maps are Linux things.
[SupportedOSPlatform("linux")]
public sealed class ElfVersionPatchTests : IDisposable
{
    private const string Marker = "GLIBCXX_3.4.32";
    private readonly string folder = Directory.CreateTempSubdirectory("frugal-elf-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Patching_the_real_library_marks_only_GLIBCXX_3_4_32_weak()
    {
        string library = ShippedLibTorchSharp();
        var before = ElfVersionPatch.ReadNeededVersions(library);

        Assert.Equal(WeakenOutcome.Patched, ElfVersionPatch.MarkVersionWeak(library, Marker));

        var after = ElfVersionPatch.ReadNeededVersions(library);
        Assert.Equal(before.Select(v => (v.File, v.Name)), after.Select(v => (v.File, v.Name)));
        var marker = Assert.Single(after, v => v.Name == Marker);
        Assert.Equal("libstdc++.so.6", marker.File);
        Assert.True(marker.IsWeak);
        Assert.All(after.Where(v => v.Name != Marker), v => Assert.False(v.IsWeak));
    }

    [Fact]
    public void Patching_changes_only_the_two_flag_bytes()
    {
        string library = ShippedLibTorchSharp();
        byte[] original = File.ReadAllBytes(library);
        long flagsAt = ElfVersionPatch.ReadNeededVersions(library).Single(v => v.Name == Marker).FlagsOffset;

        ElfVersionPatch.MarkVersionWeak(library, Marker);

        byte[] patched = File.ReadAllBytes(library);
        Assert.Equal(original.Length, patched.Length);
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        Assert.NotEmpty(changed);
        Assert.All(changed, i => Assert.InRange(i, flagsAt, flagsAt + 1));
    }

    [Fact]
    public void Patching_twice_reports_already_weak_and_leaves_the_bytes_identical()
    {
        string library = ShippedLibTorchSharp();
        ElfVersionPatch.MarkVersionWeak(library, Marker);
        byte[] once = File.ReadAllBytes(library);

        Assert.Equal(WeakenOutcome.AlreadyWeak, ElfVersionPatch.MarkVersionWeak(library, Marker));
        Assert.Equal(once, File.ReadAllBytes(library));
    }

    [Fact]
    public void A_version_the_file_does_not_need_leaves_it_untouched()
    {
        string library = ShippedLibTorchSharp();
        byte[] original = File.ReadAllBytes(library);

        Assert.Equal(WeakenOutcome.VersionNotNeeded, ElfVersionPatch.MarkVersionWeak(library, "GLIBCXX_9.9.99"));
        Assert.Equal(original, File.ReadAllBytes(library));
    }

    [Fact]
    public void Patching_replaces_the_file_so_a_hard_link_keeps_the_original_bytes()
    {
        // The build output can be a hard link into the NuGet cache, which must never change.
        string library = ShippedLibTorchSharp();
        string cacheCopy = Path.Combine(folder, "cache-" + Path.GetFileName(library));
        using (var ln = Process.Start("ln", [library, cacheCopy])) ln.WaitForExit();
        byte[] original = File.ReadAllBytes(cacheCopy);

        ElfVersionPatch.MarkVersionWeak(library, Marker);

        Assert.Equal(original, File.ReadAllBytes(cacheCopy));
        Assert.NotEqual(original, File.ReadAllBytes(library));
    }

    [Fact]
    public void Patching_keeps_the_file_mode_and_the_timestamp()
    {
        // The timestamp is what stops MSBuild's incremental Copy from restoring the unpatched file.
        string library = ShippedLibTorchSharp();
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
        File.SetUnixFileMode(library, mode);
        var time = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(library, time);

        ElfVersionPatch.MarkVersionWeak(library, Marker);

        Assert.Equal(mode, File.GetUnixFileMode(library));
        Assert.Equal(time, File.GetLastWriteTimeUtc(library));
        Assert.Equal([Path.GetFileName(library)], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void A_hand_built_elf_reads_and_patches()
    {
        string tiny = Path.Combine(folder, "libtiny.so");
        File.WriteAllBytes(tiny, TinyElf.Build());

        Assert.Equal(TinyElf.Defined, ElfVersionPatch.ReadDefinedVersions(tiny));
        Assert.Equal(TinyElf.Needed, ElfVersionPatch.ReadNeededVersions(tiny).Select(v => v.Name));
        Assert.Equal(WeakenOutcome.Patched, ElfVersionPatch.MarkVersionWeak(tiny, TinyElf.Needed[1]));
        Assert.Equal([false, true], ElfVersionPatch.ReadNeededVersions(tiny).Select(v => v.IsWeak));
    }

    [Fact]
    public void The_machines_libstdcxx_defines_GLIBCXX_3_4_30()
    {
        string? libStdCxx = LibStdCxx.Find();
        Assert.NotNull(libStdCxx);

        var defined = ElfVersionPatch.ReadDefinedVersions(libStdCxx);

        Assert.Contains("GLIBCXX_3.4.30", defined);
        Assert.Contains("CXXABI_1.3", defined);
        Assert.DoesNotContain("libstdc++.so.6", defined);
    }

    [Fact]
    public void The_highest_GLIBCXX_version_compares_numerically()
    {
        Assert.Equal("GLIBCXX_3.4.30", LibStdCxx.HighestGlibcxx(["GLIBCXX_3.4.9", "CXXABI_1.3.15", "GLIBCXX_3.4.30", "GLIBCXX_3.4"]));
        Assert.Null(LibStdCxx.HighestGlibcxx(["CXXABI_1.3"]));
    }

    public enum Damage
    {
        NotElf,
        Elf32,
        BigEndian,
        TruncatedHeader,
        TruncatedSectionTable,
        SectionPastTheEnd,
    }

    [Theory]
    [InlineData(Damage.NotElf, "not an ELF file")]
    [InlineData(Damage.Elf32, "not a 64-bit ELF (EI_CLASS is 1, ELFCLASS32)")]
    [InlineData(Damage.BigEndian, "not a little-endian ELF (EI_DATA is 2, big endian)")]
    [InlineData(Damage.TruncatedHeader, "truncated ELF header")]
    [InlineData(Damage.TruncatedSectionTable, "truncated section header table")]
    [InlineData(Damage.SectionPastTheEnd, "truncated section 2")]
    public void Anything_but_a_whole_64_bit_little_endian_elf_is_refused_naming_the_file(Damage damage, string reason)
    {
        string path = Path.Combine(folder, $"{damage}.so");
        File.WriteAllBytes(path, Damaged(TinyElf.Build(), damage));

        var error = Assert.Throws<InvalidDataException>(() => ElfVersionPatch.MarkVersionWeak(path, Marker));

        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(reason, error.Message);
    }

    private static byte[] Damaged(byte[] elf, Damage damage)
    {
        switch (damage)
        {
            case Damage.NotElf: return "#!/bin/sh\necho not a library\n"u8.ToArray();
            case Damage.Elf32: elf[4] = 1; return elf;
            case Damage.BigEndian: elf[5] = 2; return elf;
            case Damage.TruncatedHeader: return elf[..40];
            case Damage.TruncatedSectionTable: return elf[..^10];
            case Damage.SectionPastTheEnd:
                long sizeOfSection2 = BitConverter.ToInt64(elf, 0x28) + 2 * 64 + 32;
                BitConverter.GetBytes(0x10000L).CopyTo(elf, sizeOfSection2);
                return elf;
            default: throw new ArgumentOutOfRangeException(nameof(damage));
        }
    }

    /// <summary>
    /// A scratch copy of libLibTorchSharp.so as TorchSharp ships it. The build output's copy
    /// may already be patched, so the marker's weak bit is cleared in the copy.
    /// </summary>
    private string ShippedLibTorchSharp()
    {
        string library = Path.Combine(folder, "libLibTorchSharp.so");
        File.Copy(LibTorchSharpLoadTests.OutputCopy, library);
        using var stream = new FileStream(library, FileMode.Open, FileAccess.Write);
        foreach (var version in ElfVersionPatch.ReadNeededVersions(library).Where(v => v.Name == Marker))
        {
            int flags = version.Flags & ~ElfVersionPatch.VerFlgWeak;
            stream.Position = version.FlagsOffset;
            stream.Write([(byte)flags, (byte)(flags >> 8)]);
        }
        return library;
    }
}
