/**
 * The gateway's message parsing against the RFC 4475 torture messages that apply to what it handles
 * (framing, header folding and order, compact forms, mandatory and single-valued headers, lengths,
 * first lines; not SDP or multipart bodies): each is accepted or refused as the RFC expects.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_MESSAGE_BYTES,
  getHeader,
  getHeaders,
  parseContacts,
  parseNameAddr,
  parseSipMessage,
  parseVia,
  serializeSipMessage,
  SipParseError,
  withoutHeaders,
} from '../../src/sip/message.js';

/** The RFC's messages are printed with LF line ends; on the wire they are CRLF. */
const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

const SDP = crlf(`v=0
o=mhandley 29739 7272939 IN IP4 192.0.2.3
s=-
c=IN IP4 192.0.2.4
t=0 0
m=audio 49217 RTP/AVP 0 12
m=video 3227 RTP/AVP 31
a=rtpmap:31 LPC
`);

// RFC 4475 "wsinv": valid.
const wsinv =
  crlf(`INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0
TO :
 sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n
from   : "J Rosenberg \\\\\\""       <sip:jdrosen@example.com>
  ;
  tag = 98asjd8
MaX-fOrWaRdS: 0068
Call-ID: wsinv.ndaksdj@192.0.2.1
Content-Length   : 150
cseq: 0009
  INVITE
Via  : SIP  /   2.0
 /UDP
    192.0.2.2;branch=390skdjuw
s :
NewFangledHeader:   newfangled value
 continued newfangled value
UnknownHeaderWithUnusualValue: ;;,,;;,;
Content-Type: application/sdp
Route:
 <sip:services.example.com;lr;unknownwith=value;unknown-no-value>
v:  SIP  / 2.0  / TCP     spindle.example.com   ;
  branch  =   z9hG4bK9ikj8  ,
 SIP  /    2.0   / UDP  192.168.255.111   ; branch=
 z9hG4bK30239
m:"Quoted string \\"\\"" <sip:jdrosen@example.com> ; newparam =
      newvalue ;
  secondparam ; q = 0.33

`) + SDP;

// "intmeth": valid (the unusual method, URI, branch and Call-ID characters; ASCII parts).
const intmeth =
  crlf(`!interesting-Method0123456789_*+\`.%indeed'~ sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com SIP/2.0
Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+\`'~
To: "BEL:\\\x07 DEL:\\\x7f" <sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*@example.com>
From: token1~\` token2'+_ token3*%!.- <sip:mundane@example.com>;tag=_token~1'+\`*%!-.
Call-ID: intmeth.word%ZK-!.*_+'@word\`~)(><:\\/"][?}{
CSeq: 139122385 !interesting-Method0123456789_*+\`.%indeed'~
Max-Forwards: 255
extensionHeader-!.%*+_\`'~: value
Content-Length: 0

`);

// "esc01": valid (% escapes in URIs).
const esc01 =
  crlf(`INVITE sip:sips%3Auser%40example.com@example.net SIP/2.0
To: sip:%75se%72@example.com
From: <sip:I%20have%20spaces@example.net>;tag=938
Max-Forwards: 87
i: esc01.239409asdfakjkn23onasd0-3234
CSeq: 234234 INVITE
Via: SIP/2.0/UDP host5.example.net;branch=z9hG4bKkdjuw
C: application/sdp
Contact:
  <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>
Content-Length: 150

`) + SDP;

// "esc02": valid; % in a method is not an escape, and C%6Fntact is not Contact.
const esc02 = crlf(`RE%47IST%45R sip:registrar.example.com SIP/2.0
To: "%Z%45" <sip:resource@example.com>
From: "%Z%45" <sip:resource@example.com>;tag=f232jadfj23
Call-ID: esc02.asdfnqwo34rq23i34jrjasdcnl23nrlknsdf
Via: SIP/2.0/TCP host.example.com;branch=z9hG4bK209%fzsnel234
CSeq: 29344 RE%47IST%45R
Max-Forwards: 70
Contact: <sip:alias1@host1.example.com>
C%6Fntact: <sip:alias2@host2.example.com>
Contact: <sip:alias3@host3.example.com>
l: 0

`);

// "lwsdisp": valid (no LWS between display name and <).
const lwsdisp = crlf(`OPTIONS sip:user@example.com SIP/2.0
To: sip:user@example.com
From: caller<sip:caller@example.com>;tag=323
Max-Forwards: 70
Call-ID: lwsdisp.1234abcd@funky.example.com
CSeq: 60 OPTIONS
Via: SIP/2.0/UDP funky.example.com;branch=z9hG4bKkdjuw
l: 0

`);

// "longreq": valid; long values everywhere (built as the RFC describes, not byte for byte).
const long = 'a'.repeat(1000);
const longreq = crlf(`INVITE sip:user@example.com SIP/2.0
To: "I have a user name of ${long} proportion" <sip:user@example.com:6000;unknownparam1=very${long}longvalue;longparam${long}name=shortvalue>;tag=${long}
From: sip:${long}@example.net;tag=12982424
Call-ID: longreq.onereallyreallyreallyreallyreallyreallyreallyreallylongcallid${long}
CSeq: 3882340 INVITE
Max-Forwards: 70
${Array.from({ length: 40 }, (_, i) => `Via: SIP/2.0/TCP sip${i}.example.com;branch=z9hG4bK${long.slice(0, 50)}${i}`).join('\n')}
Unknown-LongHeader-${long}: unknown-${long}-value; unknown-param-${long}=${long}
Content-Length: 0

`);

// "dblreq": valid; the second request after Content-Length 0 is discarded (§18.3).
const dblreq = crlf(`REGISTER sip:example.com SIP/2.0
To: sip:j.user@example.com
From: sip:j.user@example.com;tag=43251j3j324
Max-Forwards: 8
I: dblreq.0ha0isndaksdj99sdfafnl3lk233412
Contact: sip:j.user@host.example.com
CSeq: 8 REGISTER
Via: SIP/2.0/UDP 192.0.2.125;branch=z9hG4bKkdjuw23492
Content-Length: 0

INVITE sip:joe@example.com SIP/2.0
t: sip:joe@example.com
From: sip:caller@example.net;tag=141334
Max-Forwards: 8
Call-ID: dblreq.0ha0isnda977644900765@192.0.2.15
CSeq: 8 INVITE
Via: SIP/2.0/UDP 192.0.2.15;branch=z9hG4bKkdjuw380234
Content-Length: 0

`);

// "unreason": valid; a reason phrase of UTF-8 and punctuation.
const unreason = crlf(`SIP/2.0 200 = 2**3 * 5**2 но сто девяносто девять - простое
Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923
Call-ID: unreason.1234ksdfak3j2erwedfsASdf
CSeq: 35 INVITE
From: sip:user@example.com;tag=11141343
To: sip:user@example.edu;tag=2229
Content-Length: 0
Contact: <sip:user@host198.example.com>

`);

// "noreason": valid; an empty reason phrase.
const noreason = crlf(`SIP/2.0 100 \nVia: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe
Call-ID: noreason.asndj203insdf99223ndf
CSeq: 35 INVITE
From: <sip:user@example.com>;tag=39ansfi3
To: <sip:user@example.edu>;tag=902jndnke3
Content-Length: 0
Contact: <sip:user@host105.example.com>

`);

const alsoValid: [name: string, text: string][] = [
  // RFC 4475 "novelsc": a novel URI scheme in the Request-URI (a proxy answers 416, the parse succeeds).
  [
    'novelsc',
    crlf(`OPTIONS soap.beep://192.0.2.103:3002 SIP/2.0
To: sip:user@example.com
From: sip:caller@example.net;tag=384
Max-Forwards: 3
Call-ID: novelsc.asdfasser0q239nwsdfasdkl34
CSeq: 3923423 OPTIONS
Via: SIP/2.0/TCP host9.example.com;branch=z9hG4bKkdjuw39234
Content-Length: 0

`),
  ],
  // RFC 4475 "unkscm": an unknown scheme, opaque content.
  [
    'unksm',
    crlf(`OPTIONS nobodyKnowsThisScheme:totallyopaquecontent SIP/2.0
To: sip:user@example.com
From: sip:caller@example.net;tag=384
Max-Forwards: 3
Call-ID: unkscm.nasdfasser0q239nwsdfasdkl34
CSeq: 3923423 OPTIONS
Via: SIP/2.0/TCP host9.example.com;branch=z9hG4bKkdjuw39234
Content-Length: 0

`),
  ],
  // RFC 4475 "transports": unknown and unusual transports in Via.
  [
    'transports',
    crlf(`OPTIONS sip:user@example.com SIP/2.0
To: sip:user@example.com
From: <sip:caller@example.com>;tag=323
Max-Forwards: 70
Call-ID:  transports.kijh4akdnaqjkwendsasfdj
Accept: application/sdp
CSeq: 60 OPTIONS
Via: SIP/2.0/UDP t1.example.com;branch=z9hG4bKkdjuw
Via: SIP/2.0/SCTP t2.example.com;branch=z9hG4bKklasjdhf
Via: SIP/2.0/TLS t3.example.com;branch=z9hG4bK2980unddj
Via: SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en
Via: SIP/2.0/TCP t5.example.com;branch=z9hG4bK0a9idfnee
l: 0

`),
  ],
  // RFC 4475 "semiuri": a ; in the user part of the Request-URI.
  [
    'semiuri',
    crlf(`OPTIONS sip:user;par=u%40example.net@example.com SIP/2.0
To: sip:j_user@example.com
From: sip:caller@example.org;tag=33242
Max-Forwards: 3
Call-ID: semiuri.0ha0isndaksdj
CSeq: 8 OPTIONS
Accept: application/sdp, application/pkcs7-mime,
        multipart/mixed, multipart/signed,
        message/sip, message/sipfrag
Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKkdjuw
l: 0

`),
  ],
  // RFC 4475 "baddate": an invalid Date is a header the gateway need not understand: forwarded as is.
  [
    'baddate',
    crlf(`INVITE sip:user@example.com SIP/2.0
To: sip:user@example.com
From: sip:caller@example.net;tag=2234923
Max-Forwards: 70
Call-ID: baddate.239423mnsadf3j23lj42--sedfnm234
CSeq: 1392934 INVITE
Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKkdjuw
Date: Fri, 01 Jan 2010 16:00:00 EST
Contact: <sip:caller@host5.example.net>
l: 0

`),
  ],
];

const invalid: [name: string, text: string, status?: number][] = [
  // "badinv01": extraneous separators in Via and Contact.
  [
    'badinv01',
    crlf(`INVITE sip:user@example.com SIP/2.0
To: sip:j.user@example.com
From: sip:caller@example.net;tag=134161461246
Max-Forwards: 7
Call-ID: badinv01.0ha0isndaksdjasdf3234nas
CSeq: 8 INVITE
Via: SIP/2.0/UDP 192.0.2.15;;,;,,
Contact: "Joe" <sip:joe@example.org>;;;;
Content-Length: 0

`),
  ],
  // "clerr": Content-Length larger than the message.
  [
    'clerr',
    crlf(`INVITE sip:user@example.com SIP/2.0
Max-Forwards: 80
To: sip:j.user@example.com
From: sip:caller@example.net;tag=93942939o2
Contact: <sip:caller@hungry.example.net>
Call-ID: clerr.0ha0isndaksdjweiafasdk3
CSeq: 8 INVITE
Via: SIP/2.0/UDP host5.example.com;branch=z9hG4bK-39234-23523
Content-Type: application/sdp
Content-Length: 9999

v=0
`),
  ],
  // "ncl": negative Content-Length.
  [
    'ncl',
    crlf(`INVITE sip:user@example.com SIP/2.0
Max-Forwards: 254
To: sip:j.user@example.com
From: sip:caller@example.net;tag=32394234
Call-ID: ncl.0ha0isndaksdj2193423r542w35
CSeq: 0 INVITE
Via: SIP/2.0/UDP 192.0.2.53;branch=z9hG4bKkdjuw
Contact: <sip:caller@example53.example.net>
Content-Type: application/sdp
Content-Length: -999

v=0
`),
  ],
  // "scalar02": overlarge CSeq, Max-Forwards and expires.
  [
    'scalar02',
    crlf(`REGISTER sip:example.com SIP/2.0
Via: SIP/2.0/TCP host129.example.com;branch=z9hG4bK342sdfoi3
To: <sip:user@example.com>
From: <sip:user@example.com>;tag=239232jh3
CSeq: 36893488147419103232 REGISTER
Call-ID: scalar02.23o0pd9vanlq3wnrlnewofjas9ui32
Max-Forwards: 300
Expires: 1${'0'.repeat(100)}
Contact: <sip:user@host129.example.com>;expires=280297596632815
Content-Length: 0

`),
  ],
  // "quotbal": unterminated quoted display name.
  [
    'quotbal',
    crlf(`INVITE sip:user@example.com SIP/2.0
To: "Mr. J. User <sip:j.user@example.com>
From: sip:caller@example.net;tag=93334
Max-Forwards: 10
Call-ID: quotbal.aksdj
Contact: <sip:caller@host59.example.net>
CSeq: 8 INVITE
Via: SIP/2.0/UDP 192.0.2.59:5050;branch=z9hG4bKkdjuw39234
Content-Length: 0

`),
  ],
  // "ltgtruri": <> around the Request-URI.
  [
    'ltgtruri',
    crlf(`INVITE <sip:user@example.com> SIP/2.0
To: sip:user@example.com
From: sip:caller@example.net;tag=39291
Max-Forwards: 23
Call-ID: ltgtruri.1@192.0.2.5
CSeq: 1 INVITE
Via: SIP/2.0/UDP 192.0.2.5;branch=z9hG4bKkdjuw
Contact: <sip:caller@host5.example.net>
Content-Length: 0

`),
  ],
  // "lwsruri": LWS inside the Request-URI.
  [
    'lwsruri',
    crlf(`INVITE sip:user@example.com; lr SIP/2.0
To: sip:user@example.com;tag=3xfe-9921883-z9f
From: sip:caller@example.net;tag=231413434
Max-Forwards: 5
Call-ID: lwsruri.asdfasdoeoi2323-asdfwrs
CSeq: 2923239 INVITE
Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKkdjuw2395
Contact: <sip:caller@host1.example.net>
Content-Length: 0

`),
  ],
  // "lwsstart": several SP between the Request-Line's elements.
  [
    'lwsstart',
    crlf(`INVITE  sip:user@example.com  SIP/2.0
Max-Forwards: 8
To: sip:user@example.com
From: sip:caller@example.net;tag=8814
Call-ID: lwsstart.dfknq234oi243099adsdfnawe3@example.com
CSeq: 1893884 INVITE
Via: SIP/2.0/UDP host1.example.com;branch=z9hG4bKkdjuw3923
Contact: <sip:caller@host1.example.net>
Content-Length: 0

`),
  ],
  // "trws": SP at the end of the Request-Line.
  [
    'trws',
    crlf(`OPTIONS sip:remote-target@example.com SIP/2.0  
Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK299342093
To: <sip:remote-target@example.com>
From: <sip:local-resource@example.com>;tag=329429089
Call-ID: trws.oicu34958239neffasdhr2345r
CSeq: 238923 OPTIONS
Max-Forwards: 70
Content-Length: 0

`),
  ],
  // "regbadct": a Contact URI with a header, not enclosed in <>.
  [
    'regbadct',
    crlf(`REGISTER sip:example.com SIP/2.0
To: sip:user@example.com
From: sip:user@example.com;tag=998332
Max-Forwards: 70
Call-ID: regbadct.k345asrl3fdbv@10.0.0.1
CSeq: 1 REGISTER
Via: SIP/2.0/UDP 135.180.130.133:5060;branch=z9hG4bKkdjuw
Contact: sip:user@example.com?Route=%3Csip:sip.example.com%3E
l: 0

`),
  ],
  // "baddn": non-token characters in an unquoted display name.
  [
    'baddn',
    crlf(`OPTIONS sip:t.watson@example.org SIP/2.0
Via: SIP/2.0/UDP c.example.com:5060;branch=z9hG4bKkdjuw
Max-Forwards: 70
From: Bell, Alexander <sip:a.g.bell@example.com>;tag=43
To: Watson, Thomas <sip:t.watson@example.org>
Call-ID: baddn.31415@c.example.com
CSeq: 3923239 OPTIONS
l: 0

`),
  ],
  // "badvers": SIP/7.0 → 505.
  [
    'badvers',
    crlf(`OPTIONS sip:t.watson@example.org SIP/7.0
Via: SIP/7.0/UDP c.example.com;branch=z9hG4bKkdjuw
Max-Forwards: 70
From: A. Bell <sip:a.g.bell@example.com>;tag=qweoiqpe
To: T. Watson <sip:t.watson@example.org>
Call-ID: badvers.31417@c.example.com
CSeq: 1 OPTIONS
l: 0

`),
    505,
  ],
  // "mismatch01": Request-Line and CSeq methods differ.
  [
    'mismatch01',
    crlf(`OPTIONS sip:user@example.com SIP/2.0
To: sip:j.user@example.com
From: sip:caller@example.net;tag=34525
Max-Forwards: 6
Call-ID: mismatch01.dj0234sxdfl3
CSeq: 8 INVITE
Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKkdjuw
l: 0

`),
  ],
  // "badaspec": spaces inside the <> of an addr-spec (the RFC allows refusing with 400).
  [
    'badaspec',
    crlf(`OPTIONS sip:user@example.org SIP/2.0
Via: SIP/2.0/UDP host4.example.com:5060;branch=z9hG4bKkdju43234
Max-Forwards: 70
From: "Bell, Alexander" <sip:a.g.bell@example.com>;tag=433423
To: "Watson, Thomas" < sip:t.watson@example.org >
Call-ID: badaspec.sdf0234n2nds0a099u23h3hnnw009cdkne3
Accept: application/sdp
CSeq: 3923239 OPTIONS
l: 0

`),
  ],
  // "mismatch02": an unknown method whose CSeq says INVITE.
  [
    'mismatch02',
    crlf(`NEWMETHOD sip:user@example.com SIP/2.0
To: sip:j.user@example.com
From: sip:caller@example.net;tag=34525
Max-Forwards: 6
Call-ID: mismatch02.dj0234sxdfl3
CSeq: 8 INVITE
Contact: <sip:caller@host.example.net>
Via: SIP/2.0/UDP host.example.net;branch=z9hG4bKkdjuw
l: 0

`),
  ],
  // "bigcode": a response code of more than three digits.
  [
    'bigcode',
    crlf(`SIP/2.0 4294967301 better not break the receiver
Via: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe
Call-ID: bigcode.asdof3uj203asdnf3429uasdhfas3ehjasdfas9i
CSeq: 353494 INVITE
From: <sip:user@example.com>;tag=39ansfi3
To: <sip:user@example.edu>;tag=902jndnke3
Content-Length: 0
Contact: <sip:user@host105.example.com>

`),
  ],
  // "insuf": no Call-ID, From or To.
  [
    'insuf',
    crlf(`INVITE sip:user@example.com SIP/2.0
CSeq: 193942 INVITE
Via: SIP/2.0/UDP 192.0.2.95;branch=z9hG4bKkdj.insuf
Content-Type: application/sdp
l: 0

`),
  ],
  // "multi01": several values in single-valued header fields.
  [
    'multi01',
    crlf(`INVITE sip:user@company.com SIP/2.0
Contact: <sip:caller@host25.example.net>
Via: SIP/2.0/UDP 192.0.2.25;branch=z9hG4bKkdjuw
Max-Forwards: 70
CSeq: 5 INVITE
Call-ID: multi01.98asdh@192.0.2.1
CSeq: 59 INVITE
Call-ID: multi01.98asdh@192.0.2.2
From: sip:caller@example.com;tag=3413415
To: sip:user@example.com
To: sip:other@example.net
From: sip:caller@example.net;tag=2923420123
Content-Type: application/sdp
l: 0

`),
  ],
];

function refusal(text: string): SipParseError | undefined {
  try {
    parseSipMessage(text);
    return undefined;
  } catch (error) {
    if (error instanceof SipParseError) return error;
    throw error;
  }
}

describe('RFC 4475 valid messages are accepted', () => {
  it('wsinv: folding, LWS, compact and mixed-case names, header lists, leading zeros', () => {
    const m = parseSipMessage(wsinv);
    expect(m.kind).toBe('request');
    if (m.kind !== 'request') return;
    expect(m.method).toBe('INVITE');
    expect(m.uri).toBe('sip:vivekg@chair-dnrc.example.com;unknownparam');
    expect(getHeaders(m, 'via')).toHaveLength(3);
    expect(parseVia(getHeaders(m, 'Via')[1] ?? '')?.branch).toBe('z9hG4bK9ikj8');
    expect(parseVia(getHeaders(m, 'Via')[2] ?? '')?.host).toBe('192.168.255.111');
    expect(getHeader(m, 'CSeq')).toBe('0009 INVITE');
    expect(parseNameAddr(getHeader(m, 'To') ?? '')?.param('tag')).toBe('1918181833n');
    expect(parseNameAddr(getHeader(m, 'From') ?? '')?.param('tag')).toBe('98asjd8');
    expect(getHeader(m, 'Subject')).toBe('');
    expect(getHeader(m, 'NewFangledHeader')).toBe('newfangled value continued newfangled value');
    expect(getHeader(m, 'UnknownHeaderWithUnusualValue')).toBe(';;,,;;,;');
    const contacts = parseContacts(m);
    expect(contacts !== '*' && contacts?.[0]?.param('q')).toBe('0.33');
    expect(Buffer.byteLength(m.body)).toBe(150);
    // Our serialisation reparses to the same message.
    const again = parseSipMessage(serializeSipMessage(m));
    expect(again.body).toBe(m.body);
    expect(withoutHeaders(again.headers, 'Content-Length')).toEqual(
      withoutHeaders(m.headers, 'Content-Length'),
    );
  });

  it('intmeth: unusual characters in method, URI, branch, tag and Call-ID', () => {
    const m = parseSipMessage(intmeth);
    expect(m.kind === 'request' && m.method).toBe("!interesting-Method0123456789_*+`.%indeed'~");
    expect(getHeader(m, 'Call-ID')).toBe('intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{');
  });

  it('esc01: % escapes in the Request-URI, To, From and Contact', () => {
    const m = parseSipMessage(esc01);
    expect(getHeader(m, 'Content-Type')).toBe('application/sdp');
    expect(getHeader(m, 'Call-ID')).toBe('esc01.239409asdfakjkn23onasd0-3234');
    expect(parseNameAddr(getHeader(m, 'To') ?? '')?.uri.user).toBe('user');
  });

  it('esc02: % in a method is no escape; C%6Fntact is an unknown header, not Contact', () => {
    const m = parseSipMessage(esc02);
    expect(m.kind === 'request' && m.method).toBe('RE%47IST%45R');
    const contacts = parseContacts(m);
    expect(contacts === '*' ? [] : contacts?.map((c) => c.uri.host)).toEqual([
      'host1.example.com',
      'host3.example.com',
    ]);
  });

  it('lwsdisp: no space between display name and <', () => {
    expect(parseNameAddr(getHeader(parseSipMessage(lwsdisp), 'From') ?? '')?.display).toBe('caller');
  });

  it('longreq: very long values and 40 Vias', () => {
    const m = parseSipMessage(longreq);
    expect(getHeaders(m, 'Via')).toHaveLength(40);
    expect(parseNameAddr(getHeader(m, 'To') ?? '')?.param('tag')).toBe(long);
  });

  it('dblreq: bytes after Content-Length are discarded', () => {
    const m = parseSipMessage(dblreq);
    expect(m.kind === 'request' && m.method).toBe('REGISTER');
    expect(m.body).toBe('');
  });

  it('unreason and noreason: any reason phrase, even none', () => {
    const m = parseSipMessage(unreason);
    expect(m.kind === 'response' && m.status).toBe(200);
    expect(m.kind === 'response' && m.reason).toContain('простое');
    const n = parseSipMessage(noreason);
    expect(n.kind === 'response' && n.status).toBe(100);
  });
});

describe('RFC 4475: more valid messages parse', () => {
  it.each(alsoValid)('%s', (_name, text) => {
    expect(() => parseSipMessage(text)).not.toThrow();
  });
});

describe('RFC 4475 invalid messages are refused', () => {
  it.each(invalid)('%s', (_name, text, status = 400) => {
    const error = refusal(text);
    expect(error).toBeInstanceOf(SipParseError);
    expect(error?.status).toBe(status);
  });
});

describe('framing and limits', () => {
  it(`refuses a message over ${MAX_MESSAGE_BYTES} bytes with 513`, () => {
    const huge = lwsdisp.replace('l: 0', `X-Pad: ${'x'.repeat(MAX_MESSAGE_BYTES)}\r\nl: 0`);
    expect(refusal(huge)?.status).toBe(513);
  });

  it('refuses garbage, a message without the empty line, a header line without a colon', () => {
    for (const text of ['', 'hello', '\r\n\r\n', lwsdisp.slice(0, -4), lwsdisp.replace('l: 0', 'l 0')]) {
      expect(refusal(text)).toBeInstanceOf(SipParseError);
    }
  });

  it('serialises with a recomputed Content-Length', () => {
    const m = parseSipMessage(lwsdisp);
    m.body = 'héllo';
    expect(serializeSipMessage(m)).toMatch(/\r\nContent-Length: 6\r\n\r\nhéllo$/);
  });
});
