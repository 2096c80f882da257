// The configuration file (TOML) reader is written here.
