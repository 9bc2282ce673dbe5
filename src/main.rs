fn main() -> std::process::ExitCode {
    antq::private_fs::restrict_umask();
    antq::cli::run()
}
