//! `recovery-commons`: serve (the default), migrate, or print a new administrator link.

use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use app::auth::bootstrap::issue_sign_in_link;
use app::store::{Db, people};
use recovery_commons::settings::{Cli, Command, Settings};
use recovery_commons::{Application, shutdown_signal};

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info")),
        )
        .init();
    let cli = Cli::parse();
    let result = match cli.command.clone().unwrap_or(Command::Serve) {
        Command::Serve => serve(&cli.settings).await,
        Command::Migrate => migrate(&cli.settings).await,
        Command::AdminLink => admin_link(&cli.settings).await,
        Command::VerifyRecord => verify_record(&cli.settings).await,
        Command::Backup { path } => backup(&cli.settings, &path).await,
        Command::Precompress => precompress(&cli.settings),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("recovery-commons: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(settings: &Settings) -> anyhow::Result<()> {
    let app = Application::build(settings).await?;
    if let Some(link) = app.first_admin_link() {
        print_first_admin_link(link);
    }
    tracing::info!(address = %app.local_addr(), database = %settings.database_url_for_logs(), "Recovery Commons is running");
    println!("Recovery Commons is running at {}", app.base_url());
    app.run_until_stopped(shutdown_signal()).await
}

async fn migrate(settings: &Settings) -> anyhow::Result<()> {
    let db = Db::connect(&settings.database_url).await?;
    db.migrate().await?;
    println!("Migrations applied to {}", settings.database_url_for_logs());
    Ok(())
}

async fn admin_link(settings: &Settings) -> anyhow::Result<()> {
    let db = Db::connect(&settings.database_url).await?;
    db.migrate().await?;
    let Some(admin) = people::first_site_admin(&db).await? else {
        anyhow::bail!("there is no site administrator yet: start the server once to create one");
    };
    let path = issue_sign_in_link(&db, admin).await?;
    let base = settings
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", settings.listen));
    print_first_admin_link(&format!("{}{path}", base.trim_end_matches('/')));
    Ok(())
}

async fn verify_record(settings: &Settings) -> anyhow::Result<()> {
    let db = Db::connect(&settings.database_url).await?;
    db.migrate().await?;
    match app::workflows::decisions::record::verify_all(&db).await? {
        Ok(n) => {
            println!(
                "All {n} participation records are intact and agree with the ballots and outcomes stored."
            );
            Ok(())
        }
        Err(failure) => anyhow::bail!("the participation record check failed: {failure}"),
    }
}

fn precompress(settings: &Settings) -> anyhow::Result<()> {
    let folder = std::path::Path::new(&settings.site_root).join("pkg");
    let n = recovery_commons::http::assets::precompress(&folder)
        .map_err(|e| anyhow::anyhow!("compressing the files in {}: {e}", folder.display()))?;
    println!(
        "Compressed {n} files in {} (brotli and gzip).",
        folder.display()
    );
    Ok(())
}

async fn backup(settings: &Settings, path: &std::path::Path) -> anyhow::Result<()> {
    let db = Db::connect(&settings.database_url).await?;
    let copy = recovery_commons::backup::backup(&db, path).await?;
    println!(
        "Backed up to {}: {} decisions, {} ballots; integrity and participation records checked.",
        path.display(),
        copy.decisions,
        copy.ballots
    );
    Ok(())
}

/// Printed, not logged: it is a secret meant for the person at this console only.
fn print_first_admin_link(link: &str) {
    println!();
    println!("==========================================================================");
    println!(" A site administrator account is ready. Open this one-time link to sign in.");
    println!(" It works once and expires in 7 days:");
    println!();
    println!("   {link}");
    println!();
    println!(" Lost it? Run `recovery-commons admin-link` for a new one.");
    println!("==========================================================================");
    println!();
}
