// Rooms here are real child processes signalled with SIGKILL/SIGSTOP and found through /proc: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
