package com.clicktocall.localstack.userpool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfirmationCodeReaderTest {

    @Test
    void theEmulatorsBox_givesAddressAndCode() {
        ConfirmationCodeReader reader = new ConfirmationCodeReader();
        String[] box = {
            "[12:00:00.000] INFO: ╭──────────────────────────────────────────────╮",
            "   │   Confirmation Code Delivery                  │",
            "   │   Username:    3c1b6e4e-0000-4000-8000-000000000000 │",
            "   │   Destination: alice@example.com              │",
            "   │   Code:        123456                         │",
            "   ╰──────────────────────────────────────────────╯"};

        String[] found = null;
        for (String line : box) {
            String[] read = reader.read(line);
            if (read != null) {
                found = read;
            }
        }

        assertThat(found).containsExactly("alice@example.com", "123456");
    }

    @Test
    void aCodeWithoutADestination_isIgnored() {
        assertThat(new ConfirmationCodeReader().read("Code: 999999")).isNull();
    }

    @Test
    void mailbox_keepsTheLatestCodePerAddress_caseInsensitively() {
        Mailbox mailbox = new Mailbox();
        mailbox.deliver("Bob@Example.com", "111111");
        mailbox.deliver("bob@example.com", "222222");

        assertThat(mailbox.latest("BOB@example.com")).map(Mailbox.Message::code).contains("222222");
        assertThat(mailbox.latest("carol@example.com")).isEmpty();
    }
}
