/// mimalloc instead of the system's allocator: a national report import spent about a third
/// of its time in glibc's malloc and free, and took 28 % less time and 23 % less memory with
/// mimalloc (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    antq::private_fs::restrict_umask();
    antq::cli::run()
}
