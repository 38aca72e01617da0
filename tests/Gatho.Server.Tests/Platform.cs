// These tests exercise Unix domain sockets with POSIX permissions and Unix signals: they run on Linux (CI, dev boxes).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
