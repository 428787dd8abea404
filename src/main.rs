fn main() -> std::process::ExitCode {
    stance::cli::main()
}
