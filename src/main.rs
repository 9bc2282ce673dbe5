fn main() -> std::process::ExitCode {
    // `antq … | head` closes the pipe early: that is the reader's choice, not an error, and must
    // not surface as a panic message.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .unwrap_or("");
        if msg.contains("Broken pipe") {
            std::process::exit(0);
        }
        previous(info);
    }));
    antq::private_fs::restrict_umask();
    antq::cli::run()
}
