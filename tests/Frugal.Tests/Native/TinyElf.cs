using System.Text;

namespace Frugal.Tests.Native;

/// <summary>
/// Builds the smallest ELF64 the version reader accepts: a header, .dynstr, .gnu.version_r
/// (libstdc++.so.6 needing two versions) and .gnu.version_d (a base entry plus two versions).
/// No program headers or code: the reader only follows section headers.
/// </summary>
internal static class TinyElf
{
    public const string NeededFile = "libstdc++.so.6";
    public static readonly string[] Needed = ["GLIBCXX_3.4.30", "GLIBCXX_3.4.32"];
    public static readonly string[] Defined = ["TINY_1.0", "TINY_1.1"];

    public static byte[] Build()
    {
        var strings = new StringTable();
        uint soname = strings.Add("libtiny.so");

        var verneed = new ByteWriter();
        verneed.U16(1).U16((ushort)Needed.Length).U32(strings.Add(NeededFile)).U32(16).U32(0);
        for (int i = 0; i < Needed.Length; i++)
        {
            bool last = i == Needed.Length - 1;
            verneed.U32(0).U16(0).U16((ushort)(2 + i)).U32(strings.Add(Needed[i])).U32(last ? 0u : 16u);
        }

        var verdef = new ByteWriter();
        string?[] definitions = [null, .. Defined];
        for (int i = 0; i < definitions.Length; i++)
        {
            bool isBase = i == 0;
            bool last = i == definitions.Length - 1;
            verdef.U16(1).U16(isBase ? (ushort)1 : (ushort)0).U16((ushort)(i + 1)).U16(1).U32(0).U32(20).U32(last ? 0u : 28u);
            verdef.U32(isBase ? soname : strings.Add(definitions[i]!)).U32(0);
        }

        byte[] dynstr = strings.ToArray();
        long dynstrAt = 64, verneedAt = dynstrAt + dynstr.Length, verdefAt = verneedAt + verneed.Length;
        long sectionsAt = verdefAt + verdef.Length;

        var file = new ByteWriter();
        file.Bytes([0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        file.U16(3).U16(62).U32(1).U64(0).U64(0).U64((ulong)sectionsAt).U32(0);
        file.U16(64).U16(0).U16(0).U16(64).U16(4).U16(0);
        file.Bytes(dynstr).Bytes(verneed.ToArray()).Bytes(verdef.ToArray());
        file.Bytes(new byte[64]);
        SectionHeader(file, type: 3, at: dynstrAt, size: dynstr.Length, link: 0, info: 0);
        SectionHeader(file, type: 0x6ffffffe, at: verneedAt, size: verneed.Length, link: 1, info: 1);
        SectionHeader(file, type: 0x6ffffffd, at: verdefAt, size: verdef.Length, link: 1, info: (uint)definitions.Length);
        return file.ToArray();
    }

    private static void SectionHeader(ByteWriter file, uint type, long at, long size, uint link, uint info) =>
        file.U32(0).U32(type).U64(0).U64(0).U64((ulong)at).U64((ulong)size).U32(link).U32(info).U64(1).U64(0);

    private sealed class StringTable
    {
        private readonly ByteWriter bytes = new ByteWriter().Bytes([0]);

        public uint Add(string s)
        {
            uint at = (uint)bytes.Length;
            bytes.Bytes(Encoding.ASCII.GetBytes(s)).Bytes([0]);
            return at;
        }

        public byte[] ToArray() => bytes.ToArray();
    }

    private sealed class ByteWriter
    {
        private readonly List<byte> bytes = [];

        public int Length => bytes.Count;
        public ByteWriter Bytes(byte[] b) { bytes.AddRange(b); return this; }
        public ByteWriter U16(ushort v) => Bytes(BitConverter.GetBytes(v));
        public ByteWriter U32(uint v) => Bytes(BitConverter.GetBytes(v));
        public ByteWriter U64(ulong v) => Bytes(BitConverter.GetBytes(v));
        public byte[] ToArray() => [.. bytes];
    }
}
