"""Reading an inbound email as the assistant should: only what the emailer newly wrote, whichever client sent it;
mail that must never be answered recognised from its headers; each thread (per emailer) one conversation key;
and a reply that threads under the message it answers."""

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

import pytest

from connectors.email_html import html_to_text
from connectors.email_inbox import sender_address
from connectors.email_loops import never_answer
from connectors.email_reply import compose_reply
from connectors.email_text import without_greeting_and_sign_off, without_quotes_and_signature, written_text
from connectors.email_threads import OUR_MESSAGE_ID, reply_subject, root_token, thread_key
from connectors.privacy import mask_email

ORDER = "Two large pepperoni pizzas for pickup at 6:30 tomorrow please, name's Dana."


def parsed(raw: str) -> EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(raw.replace("\n", "\r\n").encode("utf-8"))


def plain(body: str, **headers) -> EmailMessage:
    message = EmailMessage()
    message["From"] = headers.pop("From", "Dana Smith <dana@example.com>")
    message["To"] = "orders@tonys-pizzeria.example"
    message["Subject"] = headers.pop("Subject", "Order")
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return parsed(message.as_string())


def test_a_plain_message_is_read_as_written():
    assert written_text(plain(f"{ORDER}\n")).text == ORDER


def test_gmail_reply_drops_the_attribution_and_the_quoted_thread():
    body = ("yes that's right\n\nThanks,\nDana\n\n"
            "On Mon, Jun 2, 2025 at 5:01 PM Tony's Pizzeria <orders@tonys-pizzeria.example>\n"
            "wrote:\n\n> Two large pepperoni pizzas for pickup at 6:30 PM. Shall I place it?\n>\n> Tony's Pizzeria\n")
    assert written_text(plain(body)).text == "yes that's right"


def test_one_line_attribution_and_spanish_attribution_end_the_text():
    assert without_quotes_and_signature("yes\nOn 2 Jun 2025, at 17:01, Tony's wrote:\n> old") == "yes"
    assert without_quotes_and_signature("sí\n\nEl lun, 2 jun 2025 a las 17:01, Tony's escribió:\n> antes") == "sí"


def test_outlook_original_message_and_header_blocks_end_the_text():
    original = "Yes please\r\n\r\n-----Original Message-----\r\nFrom: Tony's Pizzeria\r\nSent: Monday\r\n\r\nShall I?"
    assert without_quotes_and_signature(original) == "Yes please"
    header_block = ("Yes please\n\n________________________________\n"
                    "From: Tony's Pizzeria <orders@tonys-pizzeria.example>\n"
                    "Sent: Monday, June 2, 2025 5:01 PM\nTo: Dana\nSubject: Re: Order\n\nShall I place it?")
    assert without_quotes_and_signature(header_block) == "Yes please"
    without_rule = "Yes please\n\nFrom: Tony's Pizzeria <orders@tonys-pizzeria.example>\nSent: Monday\nTo: Dana\n\nold"
    assert without_quotes_and_signature(without_rule) == "Yes please"


def test_a_from_line_the_emailer_wrote_themselves_is_kept():
    text = "From: the office on 5th\nplease deliver"
    assert without_quotes_and_signature(text) == text


def test_interleaved_quotes_are_left_out_and_the_answers_kept():
    body = "> What time would you like it?\n6:30 pm\n> And your name?\nDana"
    assert without_quotes_and_signature(body) == "6:30 pm\nDana"


@pytest.mark.parametrize("signature", ["-- \nDana Smith\nAcme Corp\n555 0100", "--\nDana", "Sent from my iPhone",
                                       "Sent from my Galaxy", "Get Outlook for Android", "Enviado desde mi iPhone"])
def test_signatures_are_cut(signature):
    assert without_quotes_and_signature(f"{ORDER}\n\n{signature}\n\n> quoted") == ORDER


def test_a_sentence_with_sent_in_it_is_not_a_signature():
    assert without_quotes_and_signature("I sent from my office earlier, same order please") == \
        "I sent from my office earlier, same order please"


@pytest.mark.parametrize("letter, said", [
    ("Yes please\n\nThanks,\nDana", "Yes please"),
    ("Hi,\n\nyes please go ahead\n\nCheers\nDana", "yes please go ahead"),
    ("Sure, it's 415 555 0144\n\nThanks", "Sure, it's 415 555 0144"),
    ("Hi Tony's Pizzeria team,\nTwo pizzas", "Two pizzas"),
    ("Dear Sir or Madam,\n\nA table for two", "A table for two"),
    ("Hola:\ndos pizzas\n\nMuchas gracias\nAna", "dos pizzas"),
    ("您好，\n我想预约明天下午剪发\n\n谢谢！\n王芳", "我想预约明天下午剪发"),
    ("Thank you so much!\n\nBest regards,\nDana Smith", "Thank you so much!"),
])
def test_the_letters_greeting_and_sign_off_are_left_out(letter, said):
    assert without_greeting_and_sign_off(letter) == said


@pytest.mark.parametrize("letter", [
    "Thanks!", "Hi!", "Hi can I get a coke\nand a pizza", "two pizzas, thanks", "Hello there! Two pizzas",
    "two pizzas\nthanks\nDana Smith\nAcme Corp\nChief Executive Officer",
])
def test_a_greeting_or_thanks_that_is_the_message_itself_is_kept(letter):
    assert without_greeting_and_sign_off(letter) == letter


def test_the_plain_part_is_preferred_to_the_html_one():
    message = EmailMessage()
    message["From"] = "dana@example.com"
    message.set_content(f"{ORDER}\n")
    message.add_alternative("<p>the <b>HTML</b> version</p>", subtype="html")
    assert written_text(parsed(message.as_string())).text == ORDER


def test_an_html_only_gmail_reply_is_read_without_its_quote():
    message = EmailMessage()
    message["From"] = "dana@example.com"
    message.set_content(
        '<div dir="ltr">Yes &amp; thanks!<div><br></div><div>Dana</div></div><br><div class="gmail_quote">'
        '<div class="gmail_attr">On Mon, Jun 2, 2025 Tony\'s Pizzeria wrote:<br></div>'
        '<blockquote class="gmail_quote">Shall I place it?</blockquote></div>', subtype="html")
    assert written_text(parsed(message.as_string())).text == "Yes & thanks!\n\nDana"


def test_html_from_outlook_ends_at_its_reply_marker_and_skips_styles():
    html = ('<html><head><style>p {margin:0}</style></head><body><p>Pickup at&nbsp;7 please</p>'
            '<div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> Tony\'s</div><div>Shall I?</div>'
            '</body></html>')
    assert html_to_text(html) == "Pickup at 7 please"


def test_apple_mail_blockquote_is_skipped_and_text_after_it_kept():
    html = 'Sounds good<br><blockquote type="cite"><div>What time?</div></blockquote><div>6pm</div>'
    assert html_to_text(html) == "Sounds good\n6pm"


def test_attachments_are_counted_not_read_and_inline_html_images_are_not_attachments():
    message = EmailMessage()
    message["From"] = "dana@example.com"
    message.set_content(f"{ORDER}\n")
    message.add_alternative('<p>order</p><img src="cid:logo">', subtype="html")
    message.get_payload()[1].add_related(b"\x89PNG...", maintype="image", subtype="png", cid="<logo>")
    message.add_attachment(b"%PDF-1.4 menu", maintype="application", subtype="pdf", filename="menu.pdf")
    message.add_attachment("a list in a file", filename="list.txt")
    read = written_text(parsed(message.as_string()))
    assert read.text == ORDER and read.attachments == 2


def test_a_message_with_only_an_attachment_has_no_text():
    message = EmailMessage()
    message["From"] = "dana@example.com"
    message.add_attachment(b"\xff\xd8 photo", maintype="image", subtype="jpeg", filename="IMG_0001.jpg")
    read = written_text(parsed(message.as_string()))
    assert read.text == "" and read.attachments == 1


def test_an_unknown_charset_is_read_as_utf8_instead_of_failing():
    raw = ("From: dana@example.com\nSubject: x\nContent-Type: text/plain; charset=x-no-such-charset\n\n"
           "two pizzas please\n")
    assert written_text(parsed(raw)).text == "two pizzas please"


def is_ours(address):
    return address.endswith("@tonys-pizzeria.example")


@pytest.mark.parametrize("headers, envelope_sender, reason", [
    ({"Auto-Submitted": "auto-replied"}, "dana@example.com", "Auto-Submitted: auto-replied"),
    ({"Auto-Submitted": "auto-generated; type=vacation"}, "dana@example.com", "Auto-Submitted: auto-generated"),
    ({"Precedence": "bulk"}, "dana@example.com", "Precedence: bulk"),
    ({"Precedence": "Junk"}, "dana@example.com", "Precedence: junk"),
    ({"Precedence": "list"}, "dana@example.com", "Precedence: list"),
    ({"List-Id": "<pizza-lovers.example.com>"}, "dana@example.com", "mailing-list mail (List-Id)"),
    ({"X-Autoreply": "yes"}, "dana@example.com", "an autoresponder's message"),
    ({}, "", "a bounce (empty envelope sender)"),
    ({"From": "MAILER-DAEMON@mx.example.com"}, "dana@example.com", "from a mailer daemon"),
    ({"From": "Mail Delivery System <postmaster@example.com>"}, "dana@example.com", "from a mailer daemon"),
    ({"From": "undisclosed-recipients:;"}, "dana@example.com", "no From address"),
    ({"From": "Tony's <orders@tonys-pizzeria.example>"}, "orders@tonys-pizzeria.example",
     "sent from one of our own addresses"),
])
def test_mail_that_must_never_be_answered(headers, envelope_sender, reason):
    message = plain(ORDER, **headers)
    assert never_answer(message, envelope_sender, sender_address(message), is_ours) == reason


@pytest.mark.parametrize("headers", [{}, {"Auto-Submitted": "no"}, {"Precedence": "first-class"}])
def test_a_person_writing_is_answered(headers):
    message = plain(ORDER, **headers)
    assert never_answer(message, "dana@example.com", sender_address(message), is_ours) is None


def test_sender_address_is_the_from_address_lower_cased():
    assert sender_address(plain(ORDER, From='"Smith, Dana" <Dana.Smith@Example.COM>')) == "dana.smith@example.com"


def test_every_message_of_a_thread_has_the_first_messages_key():
    first = plain(ORDER, Message_ID="<first@mail.example.com>")
    direct = plain("yes", Message_ID="<second@mail.example.com>", In_Reply_To="<assistant-reply@tonys.example>",
                   References="<first@mail.example.com> <assistant-reply@tonys.example>")
    only_in_reply_to = plain("yes", Message_ID="<third@mail.example.com>", In_Reply_To="<first@mail.example.com>")
    keys = {thread_key(root_token(message), "dana@example.com") for message in (first, direct, only_in_reply_to)}
    assert len(keys) == 1
    [key] = keys
    assert len(key) == 16 and all(ch in "0123456789abcdef" for ch in key)


def test_another_thread_or_another_emailer_is_another_conversation():
    first = plain(ORDER, Message_ID="<first@mail.example.com>")
    other = plain(ORDER, Message_ID="<other@mail.example.com>")
    assert thread_key(root_token(first), "dana@example.com") != thread_key(root_token(other), "dana@example.com")
    assert thread_key(root_token(first), "dana@example.com") != thread_key(root_token(first), "sam@example.com")


def test_a_reply_to_only_our_message_finds_the_thread_through_our_message_id(pizzeria):
    first = plain(ORDER, Message_ID="<first@mail.example.com>")
    ours = compose_reply(first, pizzeria, "dana@example.com", root_token(first), ["What time?"])
    assert OUR_MESSAGE_ID.match(ours["Message-ID"])
    answer = plain("6:30", Message_ID="<second@mail.example.com>", In_Reply_To=ours["Message-ID"])
    assert thread_key(root_token(answer), "dana@example.com") == thread_key(root_token(first), "dana@example.com")


def test_a_message_without_any_id_still_gets_a_key():
    message = plain(ORDER)
    del message["Message-ID"]
    assert len(root_token(message)) == 16


@pytest.mark.parametrize("subject, expected", [
    ("Pizza order", "Re: Pizza order"), ("Re: Pizza order", "Re: Pizza order"), ("RE: Pizza", "RE: Pizza"),
    ("Re[2]: Pizza", "Re[2]: Pizza"), ("AW: Pizza", "AW: Pizza"), ("  Pizza\n order ", "Re: Pizza order"),
    ("", "Re: Tony's Pizzeria"), (None, "Re: Tony's Pizzeria"), ("Regarding dinner", "Re: Regarding dinner"),
])
def test_reply_subject_has_one_re(subject, expected):
    assert reply_subject(subject, "Tony's Pizzeria") == expected


def test_the_reply_threads_under_the_message_it_answers(pizzeria):
    inbound = plain("yes", Subject="Re: Order", Message_ID="<second@mail.example.com>",
                    In_Reply_To="<assistant.0123456789abcdef.0123456789abcdef0123456789abcdef@tonys-pizzeria.example>",
                    References="<first@mail.example.com> "
                               "<assistant.0123456789abcdef.0123456789abcdef0123456789abcdef@tonys-pizzeria.example>")
    reply = compose_reply(inbound, pizzeria, "dana@example.com", root_token(inbound),
                          ["Your ticket number is 7.", "See you soon!"])
    assert reply["Subject"] == "Re: Order"
    assert reply["In-Reply-To"] == "<second@mail.example.com>"
    assert reply["References"].split() == [
        "<first@mail.example.com>",
        "<assistant.0123456789abcdef.0123456789abcdef0123456789abcdef@tonys-pizzeria.example>",
        "<second@mail.example.com>",
    ]
    assert reply["From"].addresses[0].addr_spec == "orders@tonys-pizzeria.example"
    assert reply["From"].addresses[0].display_name == "Tony's Pizzeria"
    assert reply["To"] == "dana@example.com" and reply["Auto-Submitted"] == "auto-replied"
    assert reply["Message-ID"].endswith("@tonys-pizzeria.example>") and reply["Message-ID"] != inbound["Message-ID"]
    assert reply.get_content() == "Your ticket number is 7.\n\nSee you soon!\n\nTony's Pizzeria\n"


def test_email_addresses_are_masked_to_their_first_letter_and_domain():
    assert mask_email("dana.smith@example.com") == "d***@example.com"
    assert mask_email(" Dana@Example.com ") == "D***@Example.com"
    assert mask_email("not an address") == "***"
    assert "dana" not in mask_email("dana@example.com")
