use std::time::Instant;

#[tauri::command]
fn painted(started: tauri::State<'_, Instant>) {
    println!("startup-mark painted {}", started.elapsed().as_millis());
}

fn main() {
    let started = Instant::now();
    tauri::Builder::default()
        .manage(started)
        .invoke_handler(tauri::generate_handler![painted])
        .run(tauri::generate_context!())
        .expect("the minimal app runs");
}
