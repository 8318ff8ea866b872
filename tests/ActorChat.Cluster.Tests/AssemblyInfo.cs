using Xunit;

// Multi-process clusters load both cores for minutes, and would make other modules' timing tests flaky
// if they ran beside them: scripts/test runs this module on its own, after the others.
[assembly: Trait("Kind", "Processes")]
