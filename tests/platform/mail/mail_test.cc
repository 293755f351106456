// The outbox and SMTP: messages go through libcurl to a local SMTP sink, and the outbox on SQLite
// with a clock the test moves and a transport that fails on purpose.
#include "platform/mail/mail.h"

#include <gtest/gtest.h>

#include <mutex>
#include <stdexcept>

#include "platform/errors.h"
#include "platform/log.h"
#include "platform/store/migrations.h"
#include "support/smtp_sink.h"
#include "support/test_database.h"

namespace lodestar::mail {
namespace {

using namespace std::chrono_literals;

constexpr const char* kFrom = "Lodestar <noreply@district.example>";

Message invitation(std::string to = "ana@example.org") {
  return {.to = std::move(to),
          .subject = "Invitación: evaluación de otoño",
          .text = "Hola Ana,\n.una línea que empieza con punto\n..y otra con dos\n.\nAdiós",
          .kind = "growth.invitation"};
}

SmtpOptions smtp(std::string url) {
  SmtpOptions options;
  options.url = std::move(url);
  return options;
}

// Every send fails the way a refusing server makes curl fail.
class RefusingTransport final : public Transport {
 public:
  void send(const Message&, const std::string&) override {
    ++calls;
    throw std::runtime_error("SMTP: RCPT failed: 550");
  }
  int calls = 0;
};

// --- SmtpTransport against the sink -----------------------------------------------------------

TEST(SmtpTransport, DeliversToTheSinkWithAccentsAndLeadingDotsIntact) {
  testing::SmtpSink sink;
  SmtpTransport transport(smtp(sink.url()));
  const Message message = invitation();
  transport.send(message, kFrom);

  ASSERT_TRUE(sink.wait_for(1));
  const auto mail = sink.messages().at(0);
  EXPECT_EQ(mail.from, "noreply@district.example");
  EXPECT_EQ(mail.recipients, std::vector<std::string>{"ana@example.org"});
  EXPECT_EQ(mail.header("From"), kFrom);
  EXPECT_EQ(mail.header("To"), "ana@example.org");
  EXPECT_EQ(mail.subject, message.subject);
  EXPECT_TRUE(mail.header("Subject").starts_with("=?UTF-8?B?")) << mail.header("Subject");
  EXPECT_EQ(mail.text, message.text + "\n");
  EXPECT_EQ(mail.header("MIME-Version"), "1.0");
  EXPECT_EQ(mail.header("Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(mail.header("Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_TRUE(mail.header("Message-ID").ends_with("@district.example>"))
      << mail.header("Message-ID");
  EXPECT_FALSE(mail.header("Date").empty());
}

TEST(SmtpTransport, SendsPlainAsciiAsSevenBitWithDotLinesIntact) {
  testing::SmtpSink sink;
  SmtpTransport transport(smtp(sink.url()));
  const Message message{.to = "ana@example.org",
                        .subject = "Your goals are due",
                        .text = "Hello,\r\n.\r\n..\r\n.hidden\r\n\r\nBye\r\n",
                        .kind = "growth.reminder"};
  transport.send(message, "noreply@district.example");

  ASSERT_TRUE(sink.wait_for(1));
  const auto mail = sink.messages().at(0);
  EXPECT_EQ(mail.header("Content-Transfer-Encoding"), "7bit");
  EXPECT_EQ(mail.header("Subject"), "Your goals are due");
  EXPECT_EQ(mail.header("From"), "noreply@district.example");
  EXPECT_EQ(mail.text, "Hello,\n.\n..\n.hidden\n\nBye\n");
}

TEST(SmtpTransport, FoldsLongSubjectsAndLongLinesWithinTheLimits) {
  testing::SmtpSink sink;
  SmtpTransport transport(smtp(sink.url()));
  std::string subject, line;
  for (int i = 0; i < 20; ++i) subject += "Revisión ñandú €uro ";
  for (int i = 0; i < 300; ++i) line += "año ";
  const Message message{
      .to = "ana@example.org", .subject = subject, .text = line, .kind = "growth.reminder"};
  transport.send(message, kFrom);

  ASSERT_TRUE(sink.wait_for(1));
  const auto mail = sink.messages().at(0);
  EXPECT_EQ(mail.subject, subject);
  EXPECT_EQ(mail.text, line + "\n");
  std::size_t start = 0;
  while (start < mail.data.size()) {
    const auto end = mail.data.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 76u) << mail.data.substr(start, end - start);
    start = end + 2;
  }
}

TEST(SmtpTransport, ThrowsWhenNoServerAnswers) {
  std::uint16_t closed_port = 0;
  {
    testing::SmtpSink sink;
    closed_port = sink.port();
  }
  SmtpTransport transport(smtp("smtp://127.0.0.1:" + std::to_string(closed_port)));
  EXPECT_THROW(transport.send(invitation(), kFrom), std::runtime_error);
}

TEST(SmtpTransport, RefusesUrlsThatAreNotSmtp) {
  EXPECT_THROW(SmtpTransport(smtp("http://127.0.0.1:25")), std::invalid_argument);
  EXPECT_EQ(make_transport({}), nullptr);
  EXPECT_NE(make_transport(smtp("smtps://mail.example.org:465")), nullptr);
}

TEST(MailRetry, WaitsOneTwoFourMinutesAndAtMostAnHour) {
  EXPECT_EQ(retry_delay(1), 1min);
  EXPECT_EQ(retry_delay(2), 2min);
  EXPECT_EQ(retry_delay(3), 4min);
  EXPECT_EQ(retry_delay(6), 32min);
  EXPECT_EQ(retry_delay(7), 60min);
  EXPECT_EQ(retry_delay(40), 60min);
}

// --- The outbox ---------------------------------------------------------------------------------

class MailOutbox : public ::testing::Test {
 protected:
  MailOutbox()
      : db_(store::Database::open(testing::test_database_url(), 2)),
        clock_(*auth::from_iso8601("2024-08-14T16:00:00Z")) {
    store::migrate(*db_, store::builtin_migrations(db_->dialect()));
  }

  std::string enqueue_now(const Message& message) {
    return db_->write(
        [&](store::Tx& tx) { return enqueue(tx, message, auth::to_iso8601(clock_.now())); });
  }
  store::Row row(const std::string& id) {
    return *db_->read([&](store::Tx& tx) {
      return tx.query_one("SELECT * FROM mail_outbox WHERE id = :id", {{"id", id}});
    });
  }
  std::size_t queued() {
    return db_->read([](store::Tx& tx) { return count_queued(tx); });
  }

  std::unique_ptr<store::Database> db_;
  auth::ManualClock clock_;
};

TEST_F(MailOutbox, EnqueueRejectsHeaderInjectionAndWritesNothing) {
  for (const std::string to :
       {"ana@example.org\r\nBcc: eve@example.org", "ana@example.org\nBcc: eve@example.org",
        "ana@example.org, eve@example.org", "ana @example.org", "<ana@example.org>",
        "ana.example.org", "ana@example@org", "@example.org", ""}) {
    try {
      enqueue_now(invitation(to));
      ADD_FAILURE() << "accepted " << to;
    } catch (const Invalid& e) {
      ASSERT_EQ(e.problems().size(), 1u) << to;
      EXPECT_EQ(e.problems()[0].field, "email");
    }
  }
  Message split_subject = invitation();
  split_subject.subject = "Hello\r\nBcc: eve@example.org";
  EXPECT_THROW(enqueue_now(split_subject), Invalid);
  EXPECT_EQ(queued(), 0u);
}

TEST_F(MailOutbox, EnqueueCommitsWithTheCallersTransaction) {
  EXPECT_THROW(db_->write([&](store::Tx& tx) {
    enqueue(tx, invitation(), auth::to_iso8601(clock_.now()));
    throw std::runtime_error("the change failed");
  }),
               std::runtime_error);
  EXPECT_EQ(queued(), 0u);
  enqueue_now(invitation());
  EXPECT_EQ(queued(), 1u);
}

TEST_F(MailOutbox, DeliverPendingSendsQueuedMailOnceAndMarksItSent) {
  testing::SmtpSink sink;
  SmtpTransport transport(smtp(sink.url()));
  const std::string first = enqueue_now(invitation("ana@example.org"));
  const std::string second = enqueue_now(invitation("ben@example.org"));

  EXPECT_EQ(deliver_pending(*db_, transport, kFrom, clock_.now()), 2u);
  ASSERT_TRUE(sink.wait_for(2));
  for (const auto& id : {first, second}) {
    auto r = row(id);
    EXPECT_EQ(r.text("status"), "sent");
    EXPECT_EQ(r.text("sent_at"), "2024-08-14T16:00:00Z");
    EXPECT_EQ(r.integer("attempts"), 1);
    EXPECT_TRUE(r.is_null("last_error"));
  }
  EXPECT_EQ(queued(), 0u);
  EXPECT_EQ(deliver_pending(*db_, transport, kFrom, clock_.now() + 1h), 0u);
  EXPECT_EQ(sink.messages().size(), 2u);
}

TEST_F(MailOutbox, DeliverPendingLeavesMailThatIsNotYetDue) {
  RefusingTransport transport;
  enqueue_now(invitation());
  EXPECT_EQ(deliver_pending(*db_, transport, kFrom, clock_.now() - 1min), 0u);
  EXPECT_EQ(transport.calls, 0);
  EXPECT_EQ(queued(), 1u);
}

TEST_F(MailOutbox, BacksOffAfterAFailedSendThenGivesUp) {
  RefusingTransport transport;
  const std::string id = enqueue_now(invitation());
  std::vector<std::string> logged;
  std::mutex logged_mutex;
  log::capture_for_tests([&](const std::string& line) {
    std::lock_guard lock(logged_mutex);
    logged.push_back(line);
  });

  EXPECT_EQ(deliver_pending(*db_, transport, kFrom, clock_.now()), 0u);
  auto r = row(id);
  EXPECT_EQ(r.text("status"), "queued");
  EXPECT_EQ(r.integer("attempts"), 1);
  EXPECT_EQ(r.text("next_attempt_at"), "2024-08-14T16:01:00Z");
  EXPECT_EQ(r.text("last_error"), "SMTP: RCPT failed: 550");
  // Not due again until then.
  deliver_pending(*db_, transport, kFrom, clock_.now() + 59s);
  EXPECT_EQ(transport.calls, 1);

  for (int attempt = 2; attempt <= kMaxAttempts; ++attempt) {
    clock_.set(*auth::from_iso8601(row(id).text("next_attempt_at")));
    deliver_pending(*db_, transport, kFrom, clock_.now());
    EXPECT_EQ(row(id).integer("attempts"), attempt);
  }
  EXPECT_EQ(row(id).text("status"), "failed");
  EXPECT_EQ(queued(), 0u);
  deliver_pending(*db_, transport, kFrom, clock_.now() + 24h);
  EXPECT_EQ(transport.calls, kMaxAttempts);

  log::capture_for_tests({});
  std::lock_guard lock(logged_mutex);
  ASSERT_FALSE(logged.empty());
  for (const auto& line : logged) {
    EXPECT_EQ(line.find("ana@example.org"), std::string::npos) << line;
    EXPECT_EQ(line.find("Hola"), std::string::npos) << line;
  }
}

TEST_F(MailOutbox, WorkerDeliversAfterNotify) {
  testing::SmtpSink sink;
  // An hour between looks: only notify() can make this message go out during the test.
  auto outbox = std::make_unique<Outbox>(*db_, make_transport(smtp(sink.url())),
                                         OutboxOptions{.from = kFrom, .interval = 1h}, clock_);
  ASSERT_TRUE(outbox->enabled());
  const std::string id = enqueue_now(invitation());
  outbox->notify();

  ASSERT_TRUE(sink.wait_for(1, 30s));
  outbox.reset();  // waits for the worker, so the status update is done
  EXPECT_EQ(sink.messages().at(0).subject, invitation().subject);
  EXPECT_EQ(row(id).text("status"), "sent");
}

TEST_F(MailOutbox, WithoutSmtpMailStaysQueued) {
  {
    Outbox outbox(*db_, make_transport({}), {.from = kFrom}, clock_);
    EXPECT_FALSE(outbox.enabled());
    enqueue_now(invitation());
    outbox.notify();
  }
  EXPECT_EQ(queued(), 1u);
}

}  // namespace
}  // namespace lodestar::mail
