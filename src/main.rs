fn main() -> std::process::ExitCode {
    antq::cli::run()
}
