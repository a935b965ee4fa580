// TorchSharp 0.107's libLibTorchSharp.so was linked with GCC 13 headers, which bind the
// marker symbol _ZSt21ios_base_library_initv to GLIBCXX_3.4.32. Nothing calls it, but glibc
// refuses to load the library where libstdc++ stops earlier (Debian 12: GLIBCXX_3.4.30).
// Marking that one version requirement weak (VER_FLG_WEAK) makes the loader accept it.
//
// Everything lives in this one file because RoslynCodeTaskFactory compiles exactly one
// source file; it compiles against netstandard2.0, so only APIs from there are used here.
// The tests compile this file too (see tests/Frugal.Tests/Native).
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;

namespace Frugal.Build;

public enum WeakenOutcome
{
    Patched,
    AlreadyWeak,
    VersionNotNeeded,
}

/// <summary>One Elf64_Vernaux entry: a version this file needs from another shared library.</summary>
public sealed class NeededVersion
{
    public NeededVersion(string file, string name, ushort flags, long flagsOffset)
    {
        File = file;
        Name = name;
        Flags = flags;
        FlagsOffset = flagsOffset;
    }

    /// <summary>The library the version is needed from (vn_file), e.g. libstdc++.so.6.</summary>
    public string File { get; }
    public string Name { get; }
    public ushort Flags { get; }
    /// <summary>File offset of the two vna_flags bytes.</summary>
    public long FlagsOffset { get; }
    public bool IsWeak => (Flags & ElfVersionPatch.VerFlgWeak) != 0;
}

/// <summary>Reads symbol-version tables of 64-bit little-endian ELF files and weakens a needed version.</summary>
public static class ElfVersionPatch
{
    public const ushort VerFlgWeak = 0x2;
    private const ushort VerFlgBase = 0x1;
    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;

    public static IReadOnlyList<NeededVersion> ReadNeededVersions(string path)
    {
        var elf = new Elf64(path);
        var needed = new List<NeededVersion>();
        foreach (var section in elf.SectionsOfType(ShtGnuVerneed))
        {
            var strings = elf.Section((int)section.Link, "string table of .gnu.version_r");
            long verneed = section.Offset;
            // sh_info holds the entry count; vn_next == 0 also ends the chain.
            for (uint i = 0; i < section.Info; i++)
            {
                ushort auxCount = elf.U16(verneed + 2, "Verneed entry");
                string file = elf.String(strings, elf.U32(verneed + 4, "Verneed entry"));
                long vernaux = verneed + elf.U32(verneed + 8, "Verneed entry");
                for (int j = 0; j < auxCount; j++)
                {
                    ushort flags = elf.U16(vernaux + 4, "Vernaux entry");
                    string name = elf.String(strings, elf.U32(vernaux + 8, "Vernaux entry"));
                    needed.Add(new NeededVersion(file, name, flags, vernaux + 4));
                    uint nextAux = elf.U32(vernaux + 12, "Vernaux entry");
                    if (nextAux == 0) break;
                    vernaux += nextAux;
                }
                uint next = elf.U32(verneed + 12, "Verneed entry");
                if (next == 0) break;
                verneed += next;
            }
        }
        return needed;
    }

    /// <summary>Versions the file defines (.gnu.version_d), without the base entry that only names the file itself.</summary>
    public static IReadOnlyList<string> ReadDefinedVersions(string path)
    {
        var elf = new Elf64(path);
        var defined = new List<string>();
        foreach (var section in elf.SectionsOfType(ShtGnuVerdef))
        {
            var strings = elf.Section((int)section.Link, "string table of .gnu.version_d");
            long verdef = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                ushort flags = elf.U16(verdef + 2, "Verdef entry");
                // The first Verdaux names the version; later ones name its parents.
                long verdaux = verdef + elf.U32(verdef + 12, "Verdef entry");
                if ((flags & VerFlgBase) == 0)
                    defined.Add(elf.String(strings, elf.U32(verdaux, "Verdaux entry")));
                uint next = elf.U32(verdef + 16, "Verdef entry");
                if (next == 0) break;
                verdef += next;
            }
        }
        return defined;
    }

    /// <summary>
    /// Sets VER_FLG_WEAK on every needed version named <paramref name="versionName"/>. Only the
    /// vna_flags bytes change. The file is replaced by a rename, never written in place, so a
    /// hard link into the NuGet cache keeps the original bytes.
    /// </summary>
    public static WeakenOutcome MarkVersionWeak(string path, string versionName)
    {
        var matches = ReadNeededVersions(path).Where(v => v.Name == versionName).ToList();
        if (matches.Count == 0) return WeakenOutcome.VersionNotNeeded;
        var toPatch = matches.Where(v => !v.IsWeak).ToList();
        if (toPatch.Count == 0) return WeakenOutcome.AlreadyWeak;

        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        string temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // File.Copy keeps the mode bits on Unix, so the library stays executable.
            File.Copy(path, temp);
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.Write))
            {
                foreach (var version in toPatch)
                {
                    int flags = version.Flags | VerFlgWeak;
                    stream.Position = version.FlagsOffset;
                    stream.Write(new[] { (byte)flags, (byte)(flags >> 8) }, 0, 2);
                }
            }
            // MSBuild's Copy skips a file whose size and time match its source; keeping the time
            // stops the next incremental build from copying the unpatched file back over ours.
            File.SetLastWriteTimeUtc(temp, File.GetLastWriteTimeUtc(path));
            File.Replace(temp, path, destinationBackupFileName: null);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return WeakenOutcome.Patched;
    }

    private readonly struct SectionHeader
    {
        public SectionHeader(uint type, long offset, long size, uint link, uint info)
        {
            Type = type;
            Offset = offset;
            Size = size;
            Link = link;
            Info = info;
        }

        public uint Type { get; }
        public long Offset { get; }
        public long Size { get; }
        public uint Link { get; }
        public uint Info { get; }
    }

    /// <summary>A whole ELF file in memory; every read is bounds-checked and failures name the file.</summary>
    private sealed class Elf64
    {
        private const int HeaderSize = 64;
        private const int SectionHeaderSize = 64;
        private readonly string path;
        private readonly byte[] bytes;
        private readonly List<SectionHeader> sections = new List<SectionHeader>();

        public Elf64(string path)
        {
            this.path = path;
            bytes = File.ReadAllBytes(path);
            if (bytes.Length < 4 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
                throw Malformed("not an ELF file (the first bytes are not 0x7f 'E' 'L' 'F')");
            if (bytes.Length < 6)
                throw Malformed($"truncated ELF header ({bytes.Length} bytes, needs {HeaderSize})");
            if (bytes[4] != 2)
                throw Malformed($"not a 64-bit ELF (EI_CLASS is {bytes[4]}{(bytes[4] == 1 ? ", ELFCLASS32" : "")}); only 64-bit little-endian ELF is supported");
            if (bytes[5] != 1)
                throw Malformed($"not a little-endian ELF (EI_DATA is {bytes[5]}{(bytes[5] == 2 ? ", big endian" : "")}); only 64-bit little-endian ELF is supported");
            if (bytes.Length < HeaderSize)
                throw Malformed($"truncated ELF header ({bytes.Length} bytes, needs {HeaderSize})");
            ReadSectionHeaders();
        }

        public IEnumerable<SectionHeader> SectionsOfType(uint type) => sections.Where(s => s.Type == type);

        public SectionHeader Section(int index, string what)
        {
            if (index <= 0 || index >= sections.Count)
                throw Malformed($"{what} is section {index}, but there are {sections.Count} sections");
            return sections[index];
        }

        public ushort U16(long at, string what)
        {
            Need(at, 2, what);
            return (ushort)(bytes[at] | bytes[at + 1] << 8);
        }

        public uint U32(long at, string what)
        {
            Need(at, 4, what);
            return (uint)(bytes[at] | bytes[at + 1] << 8 | bytes[at + 2] << 16 | bytes[at + 3] << 24);
        }

        public string String(SectionHeader table, uint index)
        {
            if (index >= table.Size)
                throw Malformed($"string index {index} lies outside its {table.Size}-byte string table");
            long start = table.Offset + index;
            long end = start;
            long limit = table.Offset + table.Size;
            while (end < limit && bytes[end] != 0) end++;
            if (end == limit)
                throw Malformed($"string at offset {start} is not NUL-terminated within its string table");
            return Encoding.UTF8.GetString(bytes, (int)start, (int)(end - start));
        }

        private void ReadSectionHeaders()
        {
            ulong tableOffset = U64(0x28, "ELF header");
            ushort entrySize = U16(0x3a, "ELF header");
            ulong count = U16(0x3c, "ELF header");
            if (tableOffset == 0) return;
            if (entrySize < SectionHeaderSize)
                throw Malformed($"section header entries are {entrySize} bytes, expected {SectionHeaderSize}");
            // With 0xff00 or more sections, e_shnum is 0 and the real count sits in section 0's sh_size.
            if (count == 0) count = U64(Range(tableOffset, SectionHeaderSize, "section header table") + 32, "section header table");
            if (count > (ulong)bytes.Length / entrySize)
                throw Malformed($"truncated section header table: {count} sections of {entrySize} bytes cannot fit in {bytes.Length} bytes");
            long table = Range(tableOffset, count * entrySize, "section header table");
            for (long i = 0; i < (long)count; i++)
            {
                long at = table + i * entrySize;
                uint type = U32(at + 4, "section header");
                ulong offset = U64(at + 24, "section header");
                ulong size = U64(at + 32, "section header");
                // SHT_NOBITS (8) occupies no file bytes, so its offset and size need not fit the file.
                bool inFile = type != 8;
                sections.Add(new SectionHeader(
                    type,
                    offset: inFile ? Range(offset, size, $"section {i}") : 0,
                    size: inFile ? (long)size : 0,
                    link: U32(at + 40, "section header"),
                    info: U32(at + 44, "section header")));
            }
        }

        private ulong U64(long at, string what) => U32(at, what) | (ulong)U32(at + 4, what) << 32;

        /// <summary>Checks that <paramref name="count"/> bytes at <paramref name="at"/> lie in the file; returns <paramref name="at"/>.</summary>
        private long Range(ulong at, ulong count, string what)
        {
            ulong length = (ulong)bytes.Length;
            if (at > length || count > length - at)
                throw Malformed($"truncated {what}: needs {count} bytes at offset {at} but the file has {length}");
            return (long)at;
        }

        private void Need(long at, long count, string what)
        {
            if (at < 0 || count < 0) throw Malformed($"truncated {what}: offset {at} is out of range");
            Range((ulong)at, (ulong)count, what);
        }

        private InvalidDataException Malformed(string what) => new InvalidDataException($"{path}: {what}");
    }
}

/// <summary>Finds the libstdc++ the dynamic loader would use for an x86-64 process.</summary>
public static class LibStdCxx
{
    private static readonly string[] KnownPaths =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/lib64/libstdc++.so.6",
    };

    public static string? Find() => KnownPaths.FirstOrDefault(File.Exists) ?? FromLoaderCache();

    /// <summary>The highest GLIBCXX_x.y.z among <paramref name="versions"/>, or null if there is none.</summary>
    public static string? HighestGlibcxx(IEnumerable<string> versions) =>
        versions
            .Where(v => v.StartsWith("GLIBCXX_", StringComparison.Ordinal))
            .Select(v => (Name: v, Parsed: Version.TryParse(v.Substring("GLIBCXX_".Length), out var parsed) ? parsed : null))
            .Where(v => v.Parsed != null)
            .OrderByDescending(v => v.Parsed)
            .Select(v => v.Name)
            .FirstOrDefault();

    private static string? FromLoaderCache()
    {
        foreach (var ldconfig in new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig" })
        {
            try
            {
                var start = new ProcessStartInfo(ldconfig, "-p") { RedirectStandardOutput = true, UseShellExecute = false };
                using var process = Process.Start(start);
                if (process == null) continue;
                string output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                // Lines look like: "\tlibstdc++.so.6 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libstdc++.so.6"
                return output.Split('\n')
                    .Where(line => line.TrimStart().StartsWith("libstdc++.so.6 ", StringComparison.Ordinal) && line.Contains("x86-64"))
                    .Select(line => line.Substring(line.IndexOf("=>", StringComparison.Ordinal) + 2).Trim())
                    .FirstOrDefault(File.Exists);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not at this path; try the next.
            }
        }
        return null;
    }
}

/// <summary>
/// Weakens GLIBCXX_3.4.32 in the build or publish output's copies of libLibTorchSharp.so when
/// this machine's libstdc++ lacks it. Weakening is harmless where the version exists, so a
/// wrong guess about which libstdc++ the loader picks can only cost a needless patch.
/// </summary>
public sealed class PatchLibTorchSharp : Microsoft.Build.Utilities.Task
{
    private const string LibraryName = "libLibTorchSharp.so";
    private const string MarkerVersion = "GLIBCXX_3.4.32";

    /// <summary>The build output or publish folder.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    public override bool Execute()
    {
        // RID-specific builds put natives next to the assemblies instead of under runtimes/.
        var libraries = new[]
            {
                Path.Combine(OutputDirectory, "runtimes", "linux-x64", "native", LibraryName),
                Path.Combine(OutputDirectory, LibraryName),
            }
            .Where(File.Exists)
            .ToList();
        if (libraries.Count == 0 || !RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return true;

        string? libStdCxx = LibStdCxx.Find();
        if (libStdCxx == null)
        {
            Log.LogMessage(MessageImportance.Low, "Frugal: no x86-64 libstdc++.so.6 found; leaving {0} unchanged", LibraryName);
            return true;
        }
        try
        {
            var defined = ElfVersionPatch.ReadDefinedVersions(libStdCxx);
            if (defined.Contains(MarkerVersion)) return true;
            string highest = LibStdCxx.HighestGlibcxx(defined) ?? "no GLIBCXX version";
            foreach (var library in libraries)
            {
                var outcome = ElfVersionPatch.MarkVersionWeak(library, MarkerVersion);
                if (outcome == WeakenOutcome.Patched)
                    Log.LogMessage(MessageImportance.High, "Frugal: marked {0} weak in {1} (this machine's libstdc++ stops at {2})", MarkerVersion, library, highest);
                else
                    Log.LogMessage(MessageImportance.Low, "Frugal: {0} in {1}: {2}", MarkerVersion, library, outcome);
            }
        }
        catch (Exception e) when (e is InvalidDataException || e is IOException || e is UnauthorizedAccessException)
        {
            Log.LogError("Frugal: could not patch {0}: {1}", LibraryName, e.Message);
        }
        return !Log.HasLoggedErrors;
    }
}
