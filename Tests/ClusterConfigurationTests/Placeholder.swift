// Tests of the configuration file reader are written here.
