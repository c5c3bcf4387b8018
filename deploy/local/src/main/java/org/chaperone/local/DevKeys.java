package org.chaperone.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The development signing key pair: RSA 2048, made on first use and kept in {@code .data/keys/}
 * ({@code private.pem} PKCS#8, {@code public.pem} X.509 SubjectPublicKeyInfo). Services trust the public key;
 * {@code token} signs with the private one. It never leaves the git-ignored data directory.
 */
public final class DevKeys {

    static final String PRIVATE_KEY_FILE = "private.pem";
    static final String PUBLIC_KEY_FILE = "public.pem";

    private final Path directory;
    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;

    private DevKeys(Path directory, RSAPrivateKey privateKey, RSAPublicKey publicKey) {
        this.directory = directory;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Reads the key pair from {@code directory}, making and saving one first if there is none. */
    public static DevKeys loadOrCreate(Path directory) throws IOException {
        Files.createDirectories(directory);
        // `run` and `token` may both start at once: one makes the pair, the other then reads it.
        try (FileChannel lockFile = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            return readOrGenerate(directory);
        }
    }

    private static DevKeys readOrGenerate(Path directory) throws IOException {
        Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
        Path publicFile = directory.resolve(PUBLIC_KEY_FILE);
        try {
            if (Files.isRegularFile(privateFile) && Files.isRegularFile(publicFile)) {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                byte[] pkcs8 = readPem(privateFile, "PRIVATE KEY");
                byte[] x509 = readPem(publicFile, "PUBLIC KEY");
                return new DevKeys(directory, (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)),
                        (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(x509)));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            writePem(privateFile, "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
            writePem(publicFile, "PUBLIC KEY", pair.getPublic().getEncoded(), false);
            return new DevKeys(directory, (RSAPrivateKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("Unreadable dev key pair in " + directory
                    + " (delete the directory to make a new one)", e);
        }
    }

    public RSAPrivateKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** What services read through {@code CHAPERONE_JWT_PUBLIC_KEY}. */
    public Path publicKeyFile() {
        return directory.resolve(PUBLIC_KEY_FILE).toAbsolutePath();
    }

    static byte[] readPem(Path file, String label) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException(file + " is not a PEM file with a " + label);
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    private static void writePem(Path file, String label, byte[] der, boolean secret) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        String pem = "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
        Path partial = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(partial, pem, StandardCharsets.US_ASCII);
        if (secret) {
            try {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the git-ignored directory is all the protection there is
            }
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
