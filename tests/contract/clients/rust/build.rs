//! Generates the client from the spec at `VARIG_CONTRACT_SPEC`; any construct progenitor
//! cannot generate fails the build.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=VARIG_CONTRACT_SPEC");
    let path = std::env::var("VARIG_CONTRACT_SPEC").expect("VARIG_CONTRACT_SPEC names the spec");
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(&path).expect("the spec can be read");
    let spec: openapiv3::OpenAPI = serde_json::from_str(&text).expect("the spec is OpenAPI 3.0");
    let mut generator = progenitor::Generator::default();
    let tokens = generator
        .generate_tokens(&spec)
        .unwrap_or_else(|e| panic!("progenitor cannot generate the client: {e}"));
    let ast = syn::parse2(tokens).expect("generated code parses");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("varig_client.rs");
    std::fs::write(out, prettyplease::unparse(&ast)).expect("generated code is written");
}
