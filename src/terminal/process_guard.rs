//! Start-up hardening of the process itself. `issue --remote` holds the API key in memory and in
//! an `Authorization: Bearer` header; a crash or SIGQUIT would write both into a core file. As
//! ssh-agent does, the process turns core dumps off (core size limit 0) and, on Linux, marks
//! itself not dumpable, which also keeps other processes of the same user from attaching a
//! debugger or reading its memory through `/proc`. Failures are ignored: hardening that the
//! platform refuses must not stop the tool from working.

/// Turns core dumps off for this process and its children.
pub fn disable_core_dumps() {
    use rustix::process::{setrlimit, Resource, Rlimit};
    let none = Rlimit {
        current: Some(0),
        maximum: Some(0),
    };
    let _ignored = setrlimit(Resource::Core, none);
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::process::{set_dumpable_behavior, DumpableBehavior};
        let _ignored = set_dumpable_behavior(DumpableBehavior::NotDumpable);
    }
}
