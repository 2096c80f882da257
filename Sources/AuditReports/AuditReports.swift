// The report writers are written here.
