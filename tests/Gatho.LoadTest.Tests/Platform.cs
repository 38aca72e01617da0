// The tool reads /proc and these tests make Unix executables and run real room processes: they run on Linux (CI, dev boxes).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
