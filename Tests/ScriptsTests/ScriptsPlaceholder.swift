// The tests of Samples/azure-backup and Samples/cron (issue 7) replace this file.
