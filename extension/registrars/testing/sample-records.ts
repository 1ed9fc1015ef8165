// Records the adapter tests fill and expect to read back (a 2048-bit-sized DKIM key exercises TXT splitting).

/** The DKIM public key used in every fixture (random bytes shaped like a 2048-bit RSA key; not a real key). */
export const FIXTURE_DKIM_KEY = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAlfIPk5VlDPk4C47bIkprJIoekk6P0K4uGpSSozBfGIy2EJAPnjR/rohtxlB3lex0XEw/yy6yxz4Uk0yGfuBXunJJm/oSHoNrKsFXJu59awr2qxPDjpLK4NFQV7FZmH+UzHQR1xfxRXmyqhAPu7NPpZP+rtJySLdi46tYBfB2WiucHX4PN8RJIb0/ZWTq338UKnJmjEfiI9Fu3YxHtGr8W67iYfU7JhUtJjuoOwN81JYuQ0gBJWuIXpyQUfMgsNuD856nrb0NdObex/PfrsyPZGVmZBp7omYPMBH8NXApHFeZDRoAkSaJGfJdnQYS3zWdYCaiQPRYml15Hx3ZfP76d3p7TxUk';
export const FIXTURE_DKIM_TEXT = `v=DKIM1; k=rsa; p=${FIXTURE_DKIM_KEY}`;
export const FIXTURE_DMARC_TEXT = 'v=DMARC1; p=none; rua=mailto:dmarc@example.com';
