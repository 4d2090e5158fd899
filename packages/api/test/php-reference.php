<?php
// The PHP reference for the property tests: reads a JSON array of cases from stdin, answers a JSON
// array with, for each case, what Zadarma's PHP client computes (ksort + http_build_query RFC 1738,
// then the signature), exactly as in its official SDK. A case with `body` (a received form body) is
// read the way a PHP server reads it (parse_str, as $_POST) and signed from that, as Zadarma checks it.
$cases = json_decode(stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);
$out = [];
foreach ($cases as $case) {
    if (isset($case['body'])) {
        parse_str($case['body'], $params);
    } else {
        $params = $case['params'];
    }
    ksort($params);
    $query = http_build_query($params, '', '&', PHP_QUERY_RFC1738);
    $sign = base64_encode(hash_hmac('sha1', $case['path'] . $query . md5($query), $case['secret']));
    $out[] = ['query' => $query, 'signature' => $sign];
}
echo json_encode($out, JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE);
